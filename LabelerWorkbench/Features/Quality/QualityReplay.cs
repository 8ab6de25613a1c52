using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality;

/// <summary>A stored check in the order the monitor saw it.</summary>
public sealed record StoredCheck(int Id, DateTime At, CheckEvidence Evidence);

/// <summary>
/// Rebuilds a project's <see cref="QualityTracker"/> from its stored checks, in the order they were stored, and
/// aligns it with the stored flags. The monitor does this at start; the Quality tab, the dashboards and the
/// labeler's own panel do it to show exactly the numbers the monitor decides on.
/// </summary>
public static class QualityReplay
{
    static readonly QualityCheckKind[] Counted = [QualityCheckKind.Gold, QualityCheckKind.Review, QualityCheckKind.ReviewerAudit];

    /// <param name="monitoredOnly">Only the checks the monitor has acted on (its own state, rebuilt).</param>
    public static async Task<IReadOnlyList<StoredCheck>> ChecksAsync(WorkbenchDb db, int projectId, int? upToCheckId, CancellationToken ct, bool monitoredOnly = false)
    {
        var rows = await db.QualityChecks.AsNoTracking()
            .Where(c => c.ProjectId == projectId && Counted.Contains(c.Kind) && (upToCheckId == null || c.Id <= upToCheckId))
            .Where(c => !monitoredOnly || c.MonitoredAt != null)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.At, c.SubjectId, c.Kind, c.CheckedBy, Events = c.Events.Select(e => new { e.Code, e.Errors, e.Opportunities }).ToList() })
            .ToListAsync(ct);
        return rows.Select(r => new StoredCheck(r.Id, r.At, new CheckEvidence(r.SubjectId, r.Kind, r.CheckedBy,
            r.Events.Select(e => new ErrorTally(e.Code, e.Errors, e.Opportunities)).ToList()))).ToList();
    }

    /// <param name="observed">Called after each check, e.g. to draw a trend.</param>
    public static async Task<QualityTracker> BuildAsync(WorkbenchDb db, int projectId, MonitorPolicy policy, int? upToCheckId = null,
        Action<StoredCheck, QualityTracker>? observed = null, CancellationToken ct = default, bool monitoredOnly = false)
    {
        var tracker = new QualityTracker(policy);
        foreach (var check in await ChecksAsync(db, projectId, upToCheckId, ct, monitoredOnly))
        {
            tracker.Observe(check.Evidence);
            observed?.Invoke(check, tracker);
        }
        var open = await db.QualityFlags.AsNoTracking().Where(f => f.ProjectId == projectId && f.ClearedAt == null)
            .Select(f => new { f.LabelerId, f.Code, f.OpportunitiesAtRaise }).ToListAsync(ct);
        foreach (var labeler in tracker.Labelers.Concat(open.Select(f => f.LabelerId)).Distinct().ToList())
            foreach (var code in ErrorCodes.All)
            {
                var flag = open.FirstOrDefault(f => f.LabelerId == labeler && f.Code == code);
                tracker.Align(labeler, code, flag is not null, flag?.OpportunitiesAtRaise ?? 0);
            }
        return tracker;
    }
}
