using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Sampling;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Consensus;

/// <summary>
/// Completes overlap tasks: once all replicas are in, or the deadline passed with at least one, the replicas are merged
/// (<see cref="RegionConsensus"/>, each labeler's vote weighted by the monitor's estimate of their accuracy for that
/// kind of error) into the task's next revision. An agreed merge is accepted and completes like any task (exports,
/// webhooks); a disputed one goes to a reviewer who did not label it, with the disagreements recorded for them.
/// </summary>
public sealed class ConsensusService(IDbContextFactory<WorkbenchDb> dbFactory, DomainEvents events, INotificationHub hub, TimeProvider time)
{
    /// <summary>Who "submitted" a merged revision: no single labeler did.</summary>
    public const string MergeAuthor = "consensus";

    /// <summary>A vote is never worth nothing: even a labeler measured as often wrong keeps a small say.</summary>
    const double MinWeight = 0.05;

    /// <summary>Merges the task's replicas if it is due; returns the result, or null when it is not due (or another node merged it).</summary>
    public async Task<ConsensusResult?> TryCompleteAsync(int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && t.ReplicasWanted > 0, ct);
        if (task is null || task.Status != LabelTaskStatus.Ready || await db.ConsensusResults.AnyAsync(c => c.TaskId == taskId, ct)) return null;
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId, ct);
        var policy = project.Quality.Overlap;
        var now = time.GetUtcNow().UtcDateTime;
        var copies = await db.Tasks.Where(c => c.ReplicaOfTaskId == taskId).OrderBy(c => c.Id).ToListAsync(ct);
        var done = copies.Where(c => c.Status == LabelTaskStatus.Accepted).ToList();
        var due = done.Count >= task.ReplicasWanted || task.ReplicaDeadline is { } deadline && deadline <= now;
        if (!due) return null;
        if (done.Count == 0)
        {
            // Nobody finished in time: keep collecting for another period rather than complete with nothing.
            task.ReplicaDeadline = now + policy.Deadline;
            await db.SaveChangesAsync(ct);
            return null;
        }
        foreach (var unfinished in copies.Where(c => c.Status == LabelTaskStatus.Leased)) unfinished.Apply(TaskLifecycle.ExpireReplica());

        var doneIds = done.Select(c => c.Id).ToList();
        var revisions = (await db.Revisions.AsNoTracking().Where(r => doneIds.Contains(r.TaskId)).ToListAsync(ct))
            .GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!);
        var labelers = done.Select(c => c.ReplicaLabelerId!).ToList();
        var rates = await QualityProfiles.LabelerRatesAsync(db, task.ProjectId, labelers, ct);
        var replicas = done.Select(c => new Replica(c.ReplicaLabelerId!,
            Math.Max(MinWeight, 1 - rates[c.ReplicaLabelerId!][ErrorCode.WrongLabel]), revisions[c.Id].Regions,
            Math.Max(MinWeight, 1 - rates[c.ReplicaLabelerId!][ErrorCode.TranscriptionError]))).ToList();
        var suggestions = (await db.Suggestions.AsNoTracking().Where(s => s.TaskId == taskId).ToListAsync(ct)).Select(s => s.ToRegion()).ToList();
        var merge = RegionConsensus.Merge(replicas, OverlapPolicy.QuorumOf(replicas.Count), project.Quality.MatchIoU, suggestions);

        var regions = merge.Kept.Select(m => m.Region).ToList();
        var number = await Revisions.FreezeAsync(db, taskId, MergeAuthor, now, regions, ct);
        // Fewer replicas than a quorum of those wanted (one labeler alone at the deadline) is no consensus: a reviewer looks.
        var disputed = replicas.Count < OverlapPolicy.QuorumOf(task.ReplicasWanted) || merge.Agreement < policy.AgreementThreshold ||
                       merge.DisagreesOnExistenceOrClass;
        var completed = TaskLifecycle.CompleteMerge(task.LeaseState, disputed);
        if (!completed.Ok) throw new InvalidOperationException(completed.Error);
        task.Apply(completed.State);
        task.LabeledBy = MergeAuthor;
        task.SubmittedAt = now;
        // Every disputed merge is reviewed and no agreed one is: the review-based quality estimate leaves merged tasks
        // out (they carry no sampling probability) and reports them on their own.
        task.ReviewProbability = null;
        if (disputed)
        {
            var meanRates = ErrorCodes.All.ToDictionary(code => code, code => labelers.Average(l => rates[l][code]));
            var reviewers = (await QualityProfiles.ReviewersAsync(db, task.ProjectId, null, ct)).Where(r => !labelers.Contains(r.ReviewerId));
            task.ReviewerId = ReviewerRouting.Pick(meanRates, reviewers)?.ReviewerId;
        }
        var result = new ConsensusResult
        {
            ProjectId = task.ProjectId, TaskId = taskId, RevisionNumber = number, Replicas = replicas.Count, Agreement = merge.Agreement,
            Disputed = disputed, MergedAt = now,
            Details = ConsensusDetails.From(merge, replicas, done.Select(c => (c.Id, revisions[c.Id].Number)).ToList()).ToJson(),
        };
        db.ConsensusResults.Add(result);
        if (task.Status == LabelTaskStatus.Accepted) await events.RaiseAsync(db, new TaskCompleted(task.Id, number, regions, now), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return null;   // merged meanwhile by another submit or the deadline sweep: one result per task (unique index)
        }
        await hub.PublishAsync(new TaskSubmitted(task.ProjectId, task.Id, MergeAuthor, task.Status));
        return result;
    }

    /// <summary>Overlap tasks whose deadline passed, merged with the replicas that came in. Returns how many completed.</summary>
    public async Task<int> SweepDeadlinesAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.Tasks.Where(t => t.ReplicasWanted > 0 && t.Status == LabelTaskStatus.Ready && t.ReplicaDeadline <= now)
                .OrderBy(t => t.Id).Select(t => t.Id).Take(500).ToListAsync(ct);
        var completed = 0;
        foreach (var id in due)
            if (await TryCompleteAsync(id, ct) is not null) completed++;
        return completed;
    }
}

/// <summary>Runs the deadline sweep every half minute.</summary>
public sealed class ConsensusDeadlineSweeper(ConsensusService consensus, ILogger<ConsensusDeadlineSweeper> log, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await consensus.SweepDeadlinesAsync(stoppingToken) is > 0 and var n) log.LogInformation("Merged {Count} overlap tasks past their deadline", n);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The overlap deadline sweep failed; it runs again in 30 s");
            }
        }
    }
}

public static class ConsensusServices
{
    public static IServiceCollection AddConsensus(this IServiceCollection services)
    {
        services.AddSingleton<ConsensusService>();
        services.AddHostedService<ConsensusDeadlineSweeper>();
        return services;
    }
}
