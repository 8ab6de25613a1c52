using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>Takes pre-annotation jobs one at a time on this node (ONNX Runtime already uses every core per image).</summary>
public sealed class PreAnnotationWorker(
    WorkQueue queue, PreAnnotator annotator, IDbContextFactory<WorkbenchDb> dbFactory, IOptions<PreAnnotationOptions> options,
    INotificationHub hub, ILogger<PreAnnotationWorker> log) : QueueWorker(queue, hub, log)
{
    protected override string Queue => WorkQueues.PreAnnotation;
    protected override TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override Task RunAsync(JobClaim job, CancellationToken ct) => annotator.RunAsync(job.Subject, job, ct);

    protected override async Task GiveUpAsync(JobClaim job, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await WorkQueue.CompleteAsync(db, job, ct)) return;
        await db.Tasks.Where(t => t.Id == job.Subject && t.PreAnnotation == PreAnnotationState.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.PreAnnotation, PreAnnotationState.Failed)
            .SetProperty(t => t.PreAnnotationError, $"Given up: the models stopped their server on each of {MaxAttempts} tries."), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// With the models off on this server nothing will take the queued tasks: they are released to be labeled without
    /// suggestions rather than held back. Every node of a deployment should have the same setting.
    /// </summary>
    protected override async Task<bool> EnabledAsync(CancellationToken ct)
    {
        if (options.Value.Enabled) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.QueuedJobs.Where(j => j.Queue == WorkQueues.PreAnnotation).ExecuteDeleteAsync(ct);
        await db.Tasks.Where(t => t.PreAnnotation == PreAnnotationState.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.PreAnnotation, PreAnnotationState.NotRequested), ct);
        return false;
    }
}
