using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>A labeler's own progress and the reviewers' feedback, with the rates their lead sees.</summary>
public sealed class LabelerStatsService(IDbContextFactory<WorkbenchDb> dbFactory, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LabelerStats> LabelerAsync(string labelerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var firsts = await db.Revisions.AsNoTracking().Where(r => r.Number == 1 && r.SubmittedBy == labelerId).Select(r => r.SubmittedAt).ToListAsync(ct);
        var statuses = await db.Tasks.Where(t => t.LabeledBy == labelerId && t.GoldSourceTaskId == null)
            .GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var gold = await db.QualityChecks.AsNoTracking().Where(c => c.SubjectId == labelerId && c.Kind == QualityCheckKind.Gold).Select(c => c.ErrorCount).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.LabelerId == labelerId).OrderByDescending(r => r.At).ToListAsync(ct);
        // Returned and not yet submitted again (waiting, or reopened by the labeler).
        var toFix = await db.Tasks.CountAsync(t => t.LeasedBy == labelerId && (t.Status == LabelTaskStatus.Returned || t.Status == LabelTaskStatus.Leased) &&
            db.Reviews.Any(r => r.TaskId == t.Id && r.Verdict == ReviewVerdict.Rejected &&
                                r.RevisionNumber == db.Revisions.Where(v => v.TaskId == t.Id).Max(v => v.Number)), ct);
        // The rates are those the lead sees: the project's own replay, policy and team prior.
        var latest = await db.QualityChecks.AsNoTracking().Where(c => c.SubjectId == labelerId && (c.Kind == QualityCheckKind.Gold || c.Kind == QualityCheckKind.Review))
            .OrderByDescending(c => c.Id).Select(c => (int?)c.ProjectId).FirstOrDefaultAsync(ct);
        string? projectName = null;
        IReadOnlyList<RateEstimate> rates = ErrorCodes.All.Select(RateEstimate.None).ToList();
        if (latest is { } projectId)
        {
            var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
            var tracker = await QualityReplay.BuildAsync(db, projectId, project.Quality.Monitor, ct: ct);
            projectName = project.Name;
            rates = ErrorCodes.All.Select(c => tracker.Estimate(labelerId, c)).ToList();
        }
        var recent = reviews.Take(10).ToList();
        var files = await db.Tasks.Where(t => recent.Select(r => r.TaskId).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.FileName, ct);
        var feedback = recent.Select(r => new FeedbackItem(r.TaskId, files.GetValueOrDefault(r.TaskId, "?"), r.At,
            r.Verdict == ReviewVerdict.Accepted ? "accepted" : "returned to you", r.Comment,
            (JsonSerializer.Deserialize<List<ReviewFix>>(r.Fixes, Json) ?? []).Select(f => (f.Code, f.Note)).ToList())).ToList();
        return new LabelerStats(firsts.Count(t => t >= today), firsts.Count, statuses.GetValueOrDefault(LabelTaskStatus.Accepted),
            statuses.GetValueOrDefault(LabelTaskStatus.InReview), reviews.Count(r => r.Verdict == ReviewVerdict.Rejected), toFix,
            new Share(gold.Count(e => e == 0), gold.Count), new Share(reviews.Count(r => r.Verdict == ReviewVerdict.Accepted), reviews.Count),
            projectName, rates, feedback);
    }
}
