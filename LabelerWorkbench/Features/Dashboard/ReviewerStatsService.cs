using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>A reviewer's own numbers: queue, pace, verdicts and what their reviews let through on gold.</summary>
public sealed class ReviewerStatsService(IDbContextFactory<WorkbenchDb> dbFactory, TimeProvider clock)
{
    public async Task<ReviewerStats> ReviewerAsync(string reviewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var queue = await db.Tasks.CountAsync(t => t.Status == LabelTaskStatus.InReview && (t.ReviewerId == reviewerId || t.ReviewerId == null), ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ReviewerId == reviewerId).Select(r => new { r.At, r.Verdict }).ToListAsync(ct);
        var audits = await db.QualityEvents.AsNoTracking().Where(e => e.SubjectId == reviewerId && e.Kind == QualityCheckKind.ReviewerAudit)
            .GroupBy(e => e.Code).Select(g => new { Code = g.Key, Errors = g.Sum(e => e.Errors), Opportunities = g.Sum(e => e.Opportunities) }).ToListAsync(ct);
        return new ReviewerStats(queue, reviews.Count, reviews.Count(r => r.At > now.AddDays(-1)), QualityTrend.PerHour(reviews.Select(r => r.At).ToList()),
            reviews.Count == 0 ? 0 : (double)reviews.Count(r => r.Verdict == ReviewVerdict.Accepted) / reviews.Count,
            ErrorCodes.All.Select(c => audits.FirstOrDefault(a => a.Code == c) is { } a ? (c, a.Errors, a.Opportunities) : (c, 0, 0)).ToList());
    }
}
