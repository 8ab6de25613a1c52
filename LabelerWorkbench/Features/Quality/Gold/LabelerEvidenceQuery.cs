using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Gold;

/// <summary>Reads what the adaptive gold rate weighs, from every submission of a project (not only checked ones).</summary>
public static class LabelerEvidenceQuery
{
    /// <summary>Suggestions under this confidence count as low-confidence (as the annotate page marks them).</summary>
    public const double LowConfidence = 0.8;

    /// <summary>Behaviour per labeler, and the team's under the key "". Aggregated in the database: one row per labeler.</summary>
    /// <remarks>Reads the project's whole history: for a dashboard, not for every lease (see <see cref="TeamBehaviourCache"/>).</remarks>
    public static async Task<IReadOnlyDictionary<string, BehaviourSignals>> BehaviourAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        var (work, outcomes) = await RowsAsync(db, projectId, labelerId: null, ct);
        var result = work.Select(w => w.Labeler).Concat(outcomes.Select(o => o.DecidedBy)).Distinct()
            .ToDictionary(id => id, id => Signals(work.Where(w => w.Labeler == id), outcomes.Where(o => o.DecidedBy == id)));
        result[""] = Signals(work, outcomes);
        return result;
    }

    /// <summary>One labeler's behaviour, reading only that labeler's submissions and decisions (indexed by who made them).</summary>
    public static async Task<BehaviourSignals> BehaviourOfAsync(WorkbenchDb db, int projectId, string labelerId, CancellationToken ct)
    {
        var (work, outcomes) = await RowsAsync(db, projectId, labelerId, ct);
        return Signals(work, outcomes);
    }

    /// <summary>The evidence for one labeler's gold rate, against a team baseline the caller already has.</summary>
    public static async Task<LabelerEvidence> ForAsync(WorkbenchDb db, int projectId, string labelerId, int cleanStreak,
        BehaviourSignals mine, BehaviourSignals team, CancellationToken ct)
    {
        var gold = await db.QualityChecks.CountAsync(c => c.ProjectId == projectId && c.SubjectId == labelerId && c.Kind == QualityCheckKind.Gold, ct);
        var record = await QualityProfiles.LabelerRecordAsync(db, projectId, labelerId, cleanStreak, ct);
        return new LabelerEvidence(gold, record.Flagged, record.CleanChecksInARow, mine, team);
    }

    sealed record WorkRow(string Labeler, int Submissions, double Seconds, int Regions);
    sealed record OutcomeRow(string DecidedBy, bool Low, int Count, int Kept);

    /// <summary>First submissions and suggestion decisions, grouped by labeler; only <paramref name="labelerId"/>'s when given.</summary>
    static async Task<(List<WorkRow> Work, List<OutcomeRow> Outcomes)> RowsAsync(WorkbenchDb db, int projectId, string? labelerId, CancellationToken ct)
    {
        var revisions = db.Revisions.AsNoTracking().Where(r => r.Number == 1);
        var decisions = db.SuggestionOutcomes.AsNoTracking().AsQueryable();
        if (labelerId is not null)
        {
            revisions = revisions.Where(r => r.SubmittedBy == labelerId);
            decisions = decisions.Where(o => o.DecidedBy == labelerId);
        }
        var work = await revisions
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && !t.IsGold && t.ReplicasWanted == 0), r => r.TaskId, t => t.Id, (r, t) => r)
            .GroupBy(r => r.SubmittedBy)
            .Select(g => new WorkRow(g.Key, g.Count(),
                g.Sum(r => r.WorkSeconds > 0 && r.RegionCount > 0 ? r.WorkSeconds!.Value : 0),
                g.Sum(r => r.WorkSeconds > 0 && r.RegionCount > 0 ? r.RegionCount : 0)))
            .ToListAsync(ct);
        var outcomes = await decisions
            .Join(db.Tasks.Where(t => t.ProjectId == projectId), o => o.TaskId, t => t.Id, (o, t) => o)
            .Join(db.Suggestions, o => o.SuggestionId, s => s.Id, (o, s) => new { o.DecidedBy, o.Outcome, Low = s.Confidence < LowConfidence })
            .GroupBy(o => new { o.DecidedBy, o.Low })
            .Select(g => new OutcomeRow(g.Key.DecidedBy, g.Key.Low, g.Count(), g.Count(o => o.Outcome == SuggestionOutcomeKind.Kept)))
            .ToListAsync(ct);
        return (work, outcomes);
    }

    static BehaviourSignals Signals(IEnumerable<WorkRow> work, IEnumerable<OutcomeRow> outcomes)
    {
        var mine = work.ToList();
        var decided = outcomes.ToList();
        var low = decided.Where(o => o.Low).ToList();
        var regions = mine.Sum(w => w.Regions);
        return new BehaviourSignals(mine.Sum(w => w.Submissions), decided.Sum(o => o.Count),
            Share(decided.Sum(o => o.Kept), decided.Sum(o => o.Count)),
            low.Sum(o => o.Count), Share(low.Sum(o => o.Kept), low.Sum(o => o.Count)),
            regions == 0 ? 0 : mine.Sum(w => w.Seconds) / regions);
    }

    static double Share(int part, int total) => total == 0 ? 0 : (double)part / total;
}
