using System.Collections.Concurrent;
using LabelerWorkbench.Data;

namespace LabelerWorkbench.Features.Quality.Gold;

/// <summary>
/// The team's behaviour per project, the baseline each lease compares a labeler with, read at most once a minute
/// per node. It averages the project's whole history, so it moves slowly; read on every lease it made each lease
/// scan every submission of the project, which grew with the project and, with 200 labelers, kept PostgreSQL busy.
/// </summary>
public sealed class TeamBehaviourCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    readonly ConcurrentDictionary<int, (DateTimeOffset ReadAt, BehaviourSignals Team)> byProject = new();

    public async Task<BehaviourSignals> GetAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (byProject.TryGetValue(projectId, out var cached) && now - cached.ReadAt < MaxAge) return cached.Team;
        // Several leases may read it at once when it runs out; each gets a right answer and the last one is kept.
        var team = (await LabelerEvidenceQuery.BehaviourAsync(db, projectId, ct))[""];
        byProject[projectId] = (now, team);
        return team;
    }
}
