using System.Threading.Channels;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>
/// Tasks waiting for the models. In one process a channel; a multi-node deployment puts a database-backed queue
/// (any node's worker takes a job once) behind the same interface.
/// </summary>
public interface IPreAnnotationQueue
{
    /// <summary>Whether the models run at all on this server (each project can also turn them off).</summary>
    bool Enabled { get; }
    /// <summary>Marks the tasks queued and hands them to a worker.</summary>
    Task EnqueueAsync(IReadOnlyCollection<int> taskIds, CancellationToken ct = default);
    /// <summary>Queues every ready task of a project that has no regions yet ("re-run pre-annotation").</summary>
    Task<int> EnqueueProjectAsync(int projectId, CancellationToken ct = default);
    /// <summary>After a restart: the tasks that were queued when the app stopped.</summary>
    Task RequeueInterruptedAsync(CancellationToken ct);
    IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// The in-process queue: tasks waiting for the models, in a bounded channel (a large import waits rather than filling memory).
/// The task rows are marked <c>Queued</c> first, so a restart finds and re-queues them.
/// </summary>
public sealed class InProcessPreAnnotationQueue(IDbContextFactory<WorkbenchDb> dbFactory, IOptions<PreAnnotationOptions> options) : IPreAnnotationQueue
{
    readonly Channel<int> channel = Channel.CreateBounded<int>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);

    /// <inheritdoc/>
    public bool Enabled => options.Value.Enabled;

    /// <inheritdoc/>
    public async Task EnqueueAsync(IReadOnlyCollection<int> taskIds, CancellationToken ct = default)
    {
        if (taskIds.Count == 0) return;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Tasks.Where(t => taskIds.Contains(t.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.PreAnnotation, PreAnnotationState.Queued)
                .SetProperty(t => t.PreAnnotationError, (string?)null), ct);
        }
        foreach (var id in taskIds) await channel.Writer.WriteAsync(id, ct);
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

    /// <inheritdoc/>
    public async Task RequeueInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!Enabled)
        {
            // Models turned off since those tasks were queued: nothing will read them, so nothing may hold them back.
            await db.Tasks.Where(t => t.PreAnnotation == PreAnnotationState.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.PreAnnotation, PreAnnotationState.NotRequested), ct);
            return;
        }
        var ids = await db.Tasks.Where(t => t.PreAnnotation == PreAnnotationState.Queued).Select(t => t.Id).ToListAsync(ct);
        foreach (var id in ids) await channel.Writer.WriteAsync(id, ct);
    }
}
