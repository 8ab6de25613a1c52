using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>The lead's dashboard: every labeler's numbers, the trend of one rate, and the checks behind a number.</summary>
public sealed class LeadDashboardService(IDbContextFactory<WorkbenchDb> dbFactory, QualityOverview overview, TimeProvider clock)
{
    public async Task<LeadDashboard> LeadAsync(int projectId, CancellationToken ct = default)
    {
        var quality = await overview.ForProjectAsync(projectId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var statuses = await db.Tasks.Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null)
            .GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // First submissions only: a reviewer's corrected revision is not the labeler's throughput, nor is a gold answer.
        var submissions = await db.Revisions.AsNoTracking().Where(r => r.Number == 1)
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && !t.IsGold && t.ReplicasWanted == 0), r => r.TaskId, t => t.Id, (r, t) => new { r.SubmittedBy, r.SubmittedAt })
            .ToListAsync(ct);
        var gold = await db.QualityChecks.AsNoTracking().Where(c => c.ProjectId == projectId && c.Kind == QualityCheckKind.Gold)
            .Select(c => new { c.SubjectId, c.ErrorCount }).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId), r => r.TaskId, t => t.Id, (r, t) => new { r.LabelerId, r.Verdict })
            .ToListAsync(ct);
        var agreement = await MergeAgreementsAsync(db, projectId, ct);
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
                AdaptiveGoldRate.Risks(q?.Behaviour ?? BehaviourSignals.None, quality.TeamBehaviour),
                agreement.GetValueOrDefault(id, MergeAgreement.None));
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

    /// <summary>
    /// Each labeler's mean agreement with the merges they took part in: another signal beside gold and reviews, never
    /// ground truth (a merge can be wrong where most replicas were). Read from the stored merge details.
    /// </summary>
    static async Task<Dictionary<string, MergeAgreement>> MergeAgreementsAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        // A merge of one replica says nothing about agreement: it is left out.
        var details = await db.ConsensusResults.AsNoTracking().Where(c => c.ProjectId == projectId && c.Replicas > 1)
            .OrderByDescending(c => c.MergedAt).Take(5000).Select(c => c.Details).ToListAsync(ct);
        return details.SelectMany(d => Consensus.ConsensusDetails.FromJson(d).Replicas)
            .GroupBy(r => r.LabelerId).ToDictionary(g => g.Key, g => new MergeAgreement(g.Average(r => r.Agreement), g.Count()));
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
}
