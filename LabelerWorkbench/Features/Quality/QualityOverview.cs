using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Quality.Monitor;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality;

public sealed record LabelerQuality(string LabelerId, string Name, int Checks, IReadOnlyList<RateEstimate> Rates, IReadOnlyList<ErrorCode> OpenFlags, double SampleProbability);

public sealed record AssignmentRow(int Id, string LabelerName, ErrorCode Code, TrainingMode Mode, TrainingStatus Status, DateTime AssignedAt, int Attempts, double? BestScore, double RateBefore, double? RateAfter);

public sealed record ProjectQuality(QualityEstimate Accepted, IReadOnlyList<LabelerQuality> Labelers, IReadOnlyList<AssignmentRow> Assignments, int InReview);

/// <summary>The lead's view of a project's quality: the accepted-quality estimate, each labeler's rates, flags and training.</summary>
public sealed class QualityOverview(IDbContextFactory<WorkbenchDb> dbFactory)
{
    public async Task<QualitySettings> SettingsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct)).Quality;
    }

    public async Task<IReadOnlyList<string>> SaveSettingsAsync(int projectId, QualitySettings settings, CancellationToken ct = default)
    {
        if (settings.Problems() is { Count: > 0 } problems) return problems;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstAsync(p => p.Id == projectId, ct);
        project.Quality = settings;
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Accepted tasks a lead can make gold (not already gold, not a labeler's gold copy).</summary>
    public async Task<IReadOnlyList<(int TaskId, string FileName)>> GoldCandidatesAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && t.Status == LabelTaskStatus.Accepted && !t.IsGold && t.GoldSourceTaskId == null)
            .OrderBy(t => t.Id).Take(500).Select(t => new { t.Id, t.FileName }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.FileName)).ToList();
    }

    public async Task<ProjectQuality> ForProjectAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var accepted = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.Status == LabelTaskStatus.Accepted, ct);
        // Each task's first review judges the labeler's work as it was submitted.
        var reviews = await db.Reviews.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null), r => r.TaskId, t => t.Id, (r, t) => new { r.TaskId, r.At, r.Id, r.Fixes, t.ReviewProbability })
            .ToListAsync(ct);
        var samples = reviews.GroupBy(r => r.TaskId).Select(g => g.OrderBy(r => r.At).ThenBy(r => r.Id).First())
            .Select(r => new ReviewedSample(r.Fixes == "[]", r.ReviewProbability ?? 1)).ToList();
        var estimate = AcceptedQualityEstimate.Estimate(accepted, samples);

        var events = await db.QualityEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId && (e.Kind == QualityCheckKind.Gold || e.Kind == QualityCheckKind.Review))
            .GroupBy(e => new { e.SubjectId, e.Code })
            .Select(g => new { g.Key.SubjectId, g.Key.Code, Errors = g.Sum(e => e.Errors), Opportunities = g.Sum(e => e.Opportunities), Checks = g.Select(e => e.CheckId).Distinct().Count() })
            .ToListAsync(ct);
        var team = ErrorCodes.All.ToDictionary(c => c, c =>
        {
            var (e, o) = (events.Where(x => x.Code == c).Sum(x => x.Errors), events.Where(x => x.Code == c).Sum(x => x.Opportunities));
            return o > 0 ? (double)e / o : 0.03;
        });
        var flags = await db.QualityFlags.AsNoTracking().Where(f => f.ProjectId == projectId && f.ClearedAt == null).ToListAsync(ct);
        var labelerIds = events.Select(e => e.SubjectId).Concat(flags.Select(f => f.LabelerId)).Distinct().ToList();
        var names = await db.Users.Where(u => labelerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var labelers = new List<LabelerQuality>();
        foreach (var id in labelerIds)
        {
            var mine = events.Where(e => e.SubjectId == id).ToList();
            var rates = ErrorCodes.All.Select(c =>
            {
                var row = mine.FirstOrDefault(e => e.Code == c);
                return FlagRule.Estimate(new ErrorTally(c, row?.Errors ?? 0, row?.Opportunities ?? 0), team[c], project.Quality.Monitor);
            }).ToList();
            var record = await QualityProfiles.LabelerRecordAsync(db, projectId, id, project.Quality.ReviewCleanStreak, ct);
            labelers.Add(new LabelerQuality(id, names.GetValueOrDefault(id, id), mine.Select(e => e.Checks).DefaultIfEmpty(0).Max(), rates,
                flags.Where(f => f.LabelerId == id).Select(f => f.Code).Distinct().ToList(), QaSampling.Probability(project.Quality.Sampling, record)));
        }
        var assignments = await db.TrainingAssignments.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.AssignedAt).Take(200).ToListAsync(ct);
        var assigneeNames = await db.Users.Where(u => assignments.Select(a => a.LabelerId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var inReview = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.Status == LabelTaskStatus.InReview, ct);
        return new ProjectQuality(estimate, labelers.OrderBy(l => l.Name).ToList(),
            assignments.Select(a => new AssignmentRow(a.Id, assigneeNames.GetValueOrDefault(a.LabelerId, a.LabelerId), a.Code, a.Mode, a.Status, a.AssignedAt, a.Attempts, a.BestScore, a.RateBefore, a.RateAfter)).ToList(),
            inReview);
    }
}
