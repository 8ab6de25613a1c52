using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality;

/// <param name="Rates">Each error type's recent rate, as the monitor estimates it.</param>
/// <param name="Gold">The labeler's adaptive gold rate and why.</param>
/// <param name="Behaviour">The behavioural signals from all their submissions.</param>
public sealed record LabelerQuality(string LabelerId, string Name, int Checks, IReadOnlyList<RateEstimate> Rates, IReadOnlyList<ErrorCode> OpenFlags,
    double SampleProbability, GoldRateDecision Gold, BehaviourSignals Behaviour);

public sealed record AssignmentRow(int Id, string LabelerName, ErrorCode Code, TrainingMode Mode, TrainingStatus Status, DateTime AssignedAt, int Attempts, double? BestScore,
    double RateBefore, double? RateAfter, double? OpportunitiesAfter)
{
    /// <summary>What the row may claim: a module is credited with a recovery only if it was passed before the flag cleared.</summary>
    public string Outcome => (Status, RateAfter) switch
    {
        (TrainingStatus.Passed, { } after) => $"passed; rate {RateBefore:P0} → {after:P0} on {OpportunitiesAfter:0} chances since",
        (TrainingStatus.Passed, null) => $"passed; rate {RateBefore:P0}, recovery not yet shown",
        (_, { } after) => $"not passed; the flag cleared on its own ({RateBefore:P0} → {after:P0} on {OpportunitiesAfter:0} chances)",
        (TrainingStatus.Dismissed, null) => $"put aside; rate {RateBefore:P0}, still flagged",
        _ => $"assigned; rate {RateBefore:P0}, still flagged",
    };
}

public sealed record ProjectQuality(QualityEstimate Accepted, IReadOnlyList<LabelerQuality> Labelers, IReadOnlyList<AssignmentRow> Assignments, int InReview,
    BehaviourSignals TeamBehaviour, MergedQuality Merged);

/// <summary>
/// The accepted tasks that are merges of replicas, apart from the sampled estimate (every disputed merge is reviewed and
/// no agreed one is, so they are no random sample): how many, how far their labelers agreed, and how their reviews went.
/// </summary>
/// <param name="ReviewedClean">Disputed merges a reviewer accepted without a fix.</param>
public sealed record MergedQuality(int Accepted, double MeanAgreement, int Disputed, int Reviewed, int ReviewedClean)
{
    public static readonly MergedQuality None = new(0, double.NaN, 0, 0, 0);
}

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
            .Where(t => t.ProjectId == projectId && t.Status == LabelTaskStatus.Accepted && !t.IsGold && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null)
            .OrderBy(t => t.Id).Take(500).Select(t => new { t.Id, t.FileName }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.FileName)).ToList();
    }

    public async Task<ProjectQuality> ForProjectAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        // Single-labeler work only: merges are not sampled for review at random, so they are counted on their own (MergedQuality).
        var accepted = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null &&
                                                      t.ReplicasWanted == 0 && t.Status == LabelTaskStatus.Accepted, ct);
        // Each task's first review judges the labeler's work as it was submitted.
        var reviews = await db.Reviews.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null && t.ReplicasWanted == 0), r => r.TaskId, t => t.Id, (r, t) => new { r.TaskId, r.At, r.Id, r.Fixes, t.ReviewProbability })
            .ToListAsync(ct);
        var samples = reviews.GroupBy(r => r.TaskId).Select(g => g.OrderBy(r => r.At).ThenBy(r => r.Id).First())
            .Select(r => new ReviewedSample(r.Fixes == "[]", r.ReviewProbability ?? 1)).ToList();
        var estimate = AcceptedQualityEstimate.Estimate(accepted, samples);

        var tracker = await QualityReplay.BuildAsync(db, projectId, project.Quality.Monitor, ct: ct);
        var flags = await db.QualityFlags.AsNoTracking().Where(f => f.ProjectId == projectId && f.ClearedAt == null).ToListAsync(ct);
        var reviewerIds = await db.QualityChecks.Where(c => c.ProjectId == projectId && c.Kind == QualityCheckKind.ReviewerAudit).Select(c => c.SubjectId).Distinct().ToListAsync(ct);
        var behaviour = await LabelerEvidenceQuery.BehaviourAsync(db, projectId, ct);
        // Everyone who has submitted work is listed from the first submission (with a gold rate), not only after a check.
        var labelerIds = tracker.Labelers.Concat(behaviour.Keys.Where(k => k.Length > 0)).Except(reviewerIds)
            .Concat(flags.Select(f => f.LabelerId)).Distinct().ToList();
        var names = await db.Users.Where(u => labelerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var labelers = new List<LabelerQuality>();
        foreach (var id in labelerIds)
        {
            var rates = ErrorCodes.All.Select(c => tracker.Estimate(id, c)).ToList();
            var record = await QualityProfiles.LabelerRecordAsync(db, projectId, id, project.Quality.ReviewCleanStreak, ct);
            var gold = AdaptiveGoldRate.Decide(project.Quality.Gold,
                await LabelerEvidenceQuery.ForAsync(db, projectId, id, project.Quality.Gold.CleanStreak,
                    behaviour.GetValueOrDefault(id, BehaviourSignals.None), behaviour[""], ct));
            labelers.Add(new LabelerQuality(id, names.GetValueOrDefault(id, id), ErrorCodes.All.Max(c => tracker.Checks(id, c)), rates,
                flags.Where(f => f.LabelerId == id).Select(f => f.Code).Distinct().ToList(), QaSampling.Probability(project.Quality.Sampling, record),
                gold, behaviour.GetValueOrDefault(id, BehaviourSignals.None)));
        }
        var assignments = await db.TrainingAssignments.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.AssignedAt).Take(200).ToListAsync(ct);
        var assigneeNames = await db.Users.Where(u => assignments.Select(a => a.LabelerId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var inReview = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.Status == LabelTaskStatus.InReview, ct);
        return new ProjectQuality(estimate, labelers.OrderBy(l => l.Name).ToList(),
            assignments.Select(a => new AssignmentRow(a.Id, assigneeNames.GetValueOrDefault(a.LabelerId, a.LabelerId), a.Code, a.Mode, a.Status, a.AssignedAt, a.Attempts, a.BestScore, a.RateBefore, a.RateAfter, a.OpportunitiesAfter)).ToList(),
            inReview, behaviour[""], await MergedAsync(db, projectId, ct));
    }

    static async Task<MergedQuality> MergedAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        var merges = await db.ConsensusResults.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Join(db.Tasks.Where(t => t.Status == LabelTaskStatus.Accepted), c => c.TaskId, t => t.Id, (c, t) => new { c.TaskId, c.Agreement, c.Disputed })
            .ToListAsync(ct);
        if (merges.Count == 0) return MergedQuality.None;
        var ids = merges.Where(m => m.Disputed).Select(m => m.TaskId).ToList();
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.TaskId)).Select(r => new { r.TaskId, r.Fixes }).ToListAsync(ct);
        var reviewed = reviews.GroupBy(r => r.TaskId).ToList();
        return new(merges.Count, merges.Average(m => m.Agreement), ids.Count, reviewed.Count, reviewed.Count(g => g.All(r => r.Fixes == "[]")));
    }
}
