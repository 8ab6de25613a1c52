using System.Threading.Channels;

namespace LabelerWorkbench.Features.Quality;

/// <summary>
/// Stored checks on their way to the quality monitor. In one process a channel; a multi-node deployment puts a
/// database-backed queue behind the same interface, so the monitor and the submitters do not change.
/// </summary>
public interface IQualityEventQueue
{
    ValueTask EnqueueAsync(CheckRecorded check, CancellationToken ct = default);
    IAsyncEnumerable<CheckRecorded> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// The in-process queue of stored checks. Bounded: under a flood the submitter waits a moment
/// rather than the process growing without limit; nothing is lost, since every check is already in the database.
/// </summary>
public sealed class InProcessQualityEventQueue : IQualityEventQueue
{
    readonly Channel<CheckRecorded> channel = Channel.CreateBounded<CheckRecorded>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
    });

    public IAsyncEnumerable<CheckRecorded> ReadAllAsync(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);

    public ValueTask EnqueueAsync(CheckRecorded check, CancellationToken ct = default) => channel.Writer.WriteAsync(check, ct);
}
