using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>Tasks waiting for the models: a database work queue, so any node's worker takes each task once.</summary>
public interface IPreAnnotationQueue
{
    /// <summary>Whether the models run at all on this server (each project can also turn them off).</summary>
    bool Enabled { get; }
    /// <summary>Marks the tasks queued and queues a job for each.</summary>
    Task EnqueueAsync(IReadOnlyCollection<int> taskIds, CancellationToken ct = default);
    /// <summary>Queues every ready task of a project that has no regions yet ("re-run pre-annotation").</summary>
    Task<int> EnqueueProjectAsync(int projectId, CancellationToken ct = default);
}

/// <summary>
/// The task rows are marked <c>Queued</c> and their jobs added in one transaction, so the lead's counts and the
/// queue agree; a stopped or killed node loses nothing (the jobs are rows).
/// </summary>
public sealed class PreAnnotationQueue(IDbContextFactory<WorkbenchDb> dbFactory, WorkQueue work, IOptions<PreAnnotationOptions> options, TimeProvider time) : IPreAnnotationQueue
{
    /// <inheritdoc/>
    public bool Enabled => options.Value.Enabled;

    /// <inheritdoc/>
    public async Task EnqueueAsync(IReadOnlyCollection<int> taskIds, CancellationToken ct = default)
    {
        if (taskIds.Count == 0) return;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var chunk in taskIds.Chunk(1000))
            {
                await db.Tasks.Where(t => chunk.Contains(t.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.PreAnnotation, PreAnnotationState.Queued)
                    .SetProperty(t => t.PreAnnotationError, (string?)null), ct);
            }
            await WorkQueue.AddAsync(db, WorkQueues.PreAnnotation, taskIds, time.GetUtcNow().UtcDateTime, ct);
            await transaction.CommitAsync(ct);
        }
        await work.WakeAsync(WorkQueues.PreAnnotation);
    }

    /// <inheritdoc/>
    public async Task<int> EnqueueProjectAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Tasks
            .Where(t => t.ProjectId == projectId && t.Status == LabelTaskStatus.Ready &&
                        !db.DraftRegions.Any(r => r.TaskId == t.Id))
            .Select(t => t.Id).ToListAsync(ct);
        await EnqueueAsync(ids, ct);
        return ids.Count;
    }
}
