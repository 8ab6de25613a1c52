using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality;

/// <summary>
/// What happens to a submission, decided in the same transaction that freezes its revision: a gold copy is
/// scored against its answer; the sampling policy decides whether a reviewer sees it, and the routing rule which
/// one; otherwise it is accepted.
/// </summary>
public static class SubmissionChecks
{
    public static async Task<QualityCheck?> ApplyAsync(
        WorkbenchDb db, Project project, LabelTask task, int revision, IReadOnlyList<RegionData> submitted,
        IReadOnlyList<ModelSuggestion> suggestions, IReadOnlyList<SuggestionDecision> decisions,
        string labelerId, DateTime now, Random rng, DomainEvents events, CancellationToken ct)
    {
        if (task.ReplicaOfTaskId is not null)
        {
            // One of several replicas: not sampled, not scored, not completed on its own; the merge decides (ConsensusService).
            task.LabeledBy = labelerId;
            var setAside = TaskLifecycle.SubmitReplica(task.LeaseState);
            if (!setAside.Ok) throw new InvalidOperationException(setAside.Error);
            task.Apply(setAside.State);
            return null;
        }
        var settings = project.Quality;
        QualityCheck? check = null;
        if (task.GoldSourceTaskId is { } source && await db.GoldAnswers.AsNoTracking().FirstOrDefaultAsync(g => g.TaskId == source, ct) is { } gold)
        {
            var suggested = suggestions.Select(s => s.ToRegion()).ToList();
            var kept = decisions.Where(d => d.Verdict == SuggestionVerdict.Kept).Select(d => d.SuggestionId).ToHashSet();
            var score = SubmissionScorer.Score(submitted, gold.Regions, suggested, kept, settings.Scoring);
            check = QualityRecords.Check(project.Id, task.Id, revision, labelerId, QualityCheckKind.Gold, null, now, score.Regions, score.Tallies());
            db.QualityChecks.Add(check);
        }

        var record = await QualityProfiles.LabelerRecordAsync(db, project.Id, labelerId, settings.ReviewCleanStreak, ct);
        var probability = QaSampling.Probability(settings.Sampling, record);
        task.LabeledBy = labelerId;
        task.ReviewProbability = probability;
        ReviewerProfile? reviewer = null;
        if (QaSampling.ShouldReview(probability, rng.NextDouble()))
        {
            var rates = await QualityProfiles.LabelerRatesAsync(db, project.Id, labelerId, ct);
            reviewer = ReviewerRouting.Pick(rates, await QualityProfiles.ReviewersAsync(db, project.Id, labelerId, ct));
        }
        var routed = reviewer is null ? TaskLifecycle.Accept(task.LeaseState) : TaskLifecycle.SendToReview(task.LeaseState);
        if (!routed.Ok) throw new InvalidOperationException(routed.Error);
        task.Apply(routed.State);
        task.ReviewerId = reviewer?.ReviewerId;
        if (task.Status == LabelTaskStatus.Accepted) await events.RaiseAsync(db, new TaskCompleted(task.Id, revision, submitted, now), ct);
        return check;
    }
}
