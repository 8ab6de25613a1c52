using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Review;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>The numbers behind the lead's dashboard, the reviewer's and the labeler's own views, and the tasks behind each number.</summary>
public sealed class DashboardService(IDbContextFactory<WorkbenchDb> dbFactory, QualityOverview overview, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LeadDashboard> LeadAsync(int projectId, CancellationToken ct = default)
    {
        var quality = await overview.ForProjectAsync(projectId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var statuses = await db.Tasks.Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null)
            .GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // First submissions only: a reviewer's corrected revision is not the labeler's throughput, nor is a gold answer.
        var submissions = await db.Revisions.AsNoTracking().Where(r => r.Number == 1)
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && !t.IsGold), r => r.TaskId, t => t.Id, (r, t) => new { r.SubmittedBy, r.SubmittedAt })
            .ToListAsync(ct);
        var gold = await db.QualityChecks.AsNoTracking().Where(c => c.ProjectId == projectId && c.Kind == QualityCheckKind.Gold)
            .Select(c => new { c.SubjectId, c.ErrorCount }).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId), r => r.TaskId, t => t.Id, (r, t) => new { r.LabelerId, r.Verdict })
            .ToListAsync(ct);
        var training = await db.TrainingAssignments.AsNoTracking().Where(a => a.ProjectId == projectId)
            .Select(a => new { a.LabelerId, a.Status }).ToListAsync(ct);

        var ids = quality.Labelers.Select(l => l.LabelerId).Concat(submissions.Select(s => s.SubmittedBy)).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var rows = ids.Select(id =>
        {
            var q = quality.Labelers.FirstOrDefault(l => l.LabelerId == id);
            var times = submissions.Where(s => s.SubmittedBy == id).Select(s => s.SubmittedAt).ToList();
            var mine = gold.Where(g => g.SubjectId == id).ToList();
            var reviewed = reviews.Where(r => r.LabelerId == id).ToList();
            var assigned = training.Where(a => a.LabelerId == id).ToList();
            return new LabelerRow(id, names.GetValueOrDefault(id, id), times.Count, QualityTrend.PerHour(times),
                new Share(mine.Count(g => g.ErrorCount == 0), mine.Count),
                new Share(reviewed.Count(r => r.Verdict == ReviewVerdict.Accepted), reviewed.Count),
                q?.Rates ?? ErrorCodes.All.Select(RateEstimate.None).ToList(),
                q?.OpenFlags ?? [], assigned.Count, assigned.Count(a => a.Status == TrainingStatus.Passed),
                q?.Gold ?? new GoldRateDecision(project.Quality.GoldRate, []), q?.Behaviour ?? BehaviourSignals.None,
                AdaptiveGoldRate.Risks(q?.Behaviour ?? BehaviourSignals.None, quality.TeamBehaviour));
        }).Where(r => r.Submitted > 0 || r.Rates.Any(x => x.Opportunities > 0)).OrderBy(r => r.Name).ToList();

        var outcomes = await db.SuggestionOutcomes.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId), o => o.TaskId, t => t.Id, (o, t) => new { o.ModelName, o.ModelVersion, o.Outcome })
            .GroupBy(o => new { o.ModelName, o.ModelVersion, o.Outcome }).Select(g => new { g.Key.ModelName, g.Key.ModelVersion, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(ct);
        var models = outcomes.GroupBy(o => o.ModelVersion is { Length: > 0 } v ? $"{o.ModelName} {v}" : o.ModelName)
            .Select(g => new ModelAcceptance(g.Key,
                g.Where(o => o.Outcome == SuggestionOutcomeKind.Kept).Sum(o => o.Count),
                g.Where(o => o.Outcome == SuggestionOutcomeKind.Edited).Sum(o => o.Count),
                g.Where(o => o.Outcome == SuggestionOutcomeKind.Deleted).Sum(o => o.Count)))
            .OrderBy(m => m.Model).ToList();

        return new LeadDashboard(quality.Accepted, statuses.GetValueOrDefault(LabelTaskStatus.Ready), statuses.GetValueOrDefault(LabelTaskStatus.InReview),
            statuses.GetValueOrDefault(LabelTaskStatus.Accepted), submissions.Count(s => s.SubmittedAt > now.AddHours(-1)),
            rows, quality.Assignments, models, project.Quality.ErrorRateThreshold);
    }

    /// <summary>A labeler's rate for <paramref name="code"/> check by check, with the moments training was pushed.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(int projectId, string labelerId, ErrorCode code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var samples = new List<(DateTime, RateEstimate)>();
        RateEstimate? prior = null;
        await QualityReplay.BuildAsync(db, projectId, project.Quality.Monitor, observed: (check, tracker) =>
        {
            if (check.Evidence.SubjectId != labelerId || check.Evidence.Kind == QualityCheckKind.ReviewerAudit ||
                !check.Evidence.Tallies.Any(t => t.Code == code && t.Opportunities > 0)) return;
            prior ??= RatePosterior.Estimate(code, 0, 0, tracker.TeamRate(code), project.Quality.Monitor);
            samples.Add((check.At, tracker.Estimate(labelerId, code)));
        }, ct: ct);
        var pushes = await db.TrainingAssignments.AsNoTracking().Where(a => a.ProjectId == projectId && a.LabelerId == labelerId && a.Code == code)
            .Select(a => a.AssignedAt).ToListAsync(ct);
        return prior is null ? [] : QualityTrend.Build(prior, samples, pushes);
    }

    /// <summary>The checks behind a labeler's number: all their gold and review checks, or those where <paramref name="code"/> could occur.</summary>
    public async Task<IReadOnlyList<DrillRow>> DrillDownAsync(int projectId, string labelerId, ErrorCode? code, QualityCheckKind? kind, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checks = db.QualityChecks.AsNoTracking().Where(c => c.ProjectId == projectId && c.SubjectId == labelerId
            && (c.Kind == QualityCheckKind.Gold || c.Kind == QualityCheckKind.Review));
        if (kind is { } k) checks = checks.Where(c => c.Kind == k);
        var rows = await checks.OrderByDescending(c => c.At).Take(200)
            .Select(c => new { c.Id, c.TaskId, c.Kind, c.At, c.ErrorCount, Events = c.Events.Select(e => new { e.Code, e.Errors, e.Opportunities }).ToList() })
            .ToListAsync(ct);
        var taskIds = rows.Select(r => r.TaskId ?? 0).Distinct().ToList();
        var files = await db.Tasks.Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.FileName, ct);
        return rows
            .Select(r =>
            {
                var events = code is { } c ? r.Events.Where(e => e.Code == c).ToList() : r.Events;
                var detail = string.Join(", ", r.Events.Where(e => e.Errors > 0).Select(e => $"{ErrorCodes.Title(e.Code)} {e.Errors}"));
                return new DrillRow(r.TaskId ?? 0, files.GetValueOrDefault(r.TaskId ?? 0, "?"), r.Kind == QualityCheckKind.Gold ? "gold" : "review", r.At,
                    events.Sum(e => e.Errors), events.Sum(e => e.Opportunities), detail.Length > 0 ? detail : "no errors");
            })
            .Where(r => code is null || r.Opportunities > 0)
            .ToList();
    }

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
