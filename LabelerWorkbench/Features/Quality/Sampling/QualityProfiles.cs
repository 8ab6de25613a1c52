using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Sampling;

/// <summary>Reads what the sampling policy and the routing rule need from the stored quality events.</summary>
public static class QualityProfiles
{
    /// <summary>A labeler's recent rate per error type, as the monitor estimates it.</summary>
    public static async Task<IReadOnlyDictionary<ErrorCode, double>> LabelerRatesAsync(WorkbenchDb db, int projectId, string labelerId, CancellationToken ct)
    {
        var policy = (await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct)).Quality.Monitor;
        var tracker = await QualityReplay.BuildAsync(db, projectId, policy, ct: ct);
        return ErrorCodes.All.ToDictionary(c => c, c => tracker.Estimate(labelerId, c) is { HasEvidence: true } e ? e.Mean : tracker.TeamRate(c));
    }

    /// <summary>Several labelers' rates per error type from one replay of the project's checks.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<ErrorCode, double>>> LabelerRatesAsync(
        WorkbenchDb db, int projectId, IReadOnlyCollection<string> labelerIds, CancellationToken ct)
    {
        var policy = (await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct)).Quality.Monitor;
        var tracker = await QualityReplay.BuildAsync(db, projectId, policy, ct: ct);
        return labelerIds.Distinct().ToDictionary(id => id, IReadOnlyDictionary<ErrorCode, double> (id) =>
            ErrorCodes.All.ToDictionary(c => c, c => tracker.Estimate(id, c) is { HasEvidence: true } e ? e.Mean : tracker.TeamRate(c)));
    }

    /// <summary>The project's reviewers (other than <paramref name="exceptUser"/>) with their measured blind spots and queue lengths.</summary>
    public static async Task<IReadOnlyList<ReviewerProfile>> ReviewersAsync(WorkbenchDb db, int projectId, string? exceptUser, CancellationToken ct)
    {
        var reviewerRole = await db.Roles.Where(r => r.Name == Roles.Reviewer).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var reviewers = await db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId != exceptUser &&
                                                          db.UserRoles.Any(ur => ur.UserId == m.UserId && ur.RoleId == reviewerRole))
            .Select(m => m.UserId).ToListAsync(ct);
        if (reviewers.Count == 0) return [];
        var audits = await db.QualityEvents.Where(e => e.ProjectId == projectId && e.Kind == QualityCheckKind.ReviewerAudit && reviewers.Contains(e.SubjectId))
            .GroupBy(e => new { e.SubjectId, e.Code })
            .Select(g => new { g.Key.SubjectId, g.Key.Code, Missed = g.Sum(e => e.Errors), Present = g.Sum(e => e.Opportunities) })
            .ToListAsync(ct);
        var queues = await db.Tasks.Where(t => t.Status == LabelTaskStatus.InReview && t.ReviewerId != null && reviewers.Contains(t.ReviewerId))
            .GroupBy(t => t.ReviewerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!, x => x.Count, ct);
        return reviewers.Select(r => new ReviewerProfile(r,
            audits.Where(a => a.SubjectId == r).ToDictionary(a => a.Code, a => LetThrough.Rate(a.Missed, a.Present)),
            queues.GetValueOrDefault(r))).ToList();
    }

    /// <summary>The labeler's record for the sampling policy.</summary>
    public static async Task<LabelerRecord> LabelerRecordAsync(WorkbenchDb db, int projectId, string labelerId, int streakCap, CancellationToken ct)
    {
        var submitted = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.LabeledBy == labelerId, ct);
        var flagged = await db.QualityFlags.AnyAsync(f => f.ProjectId == projectId && f.LabelerId == labelerId && f.ClearedAt == null, ct);
        var recent = await db.QualityChecks.Where(c => c.ProjectId == projectId && c.SubjectId == labelerId &&
                                                       (c.Kind == QualityCheckKind.Gold || c.Kind == QualityCheckKind.Review))
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(streakCap).Select(c => c.ErrorCount).ToListAsync(ct);
        return new LabelerRecord(submitted, flagged, recent.TakeWhile(e => e == 0).Count());
    }
}
