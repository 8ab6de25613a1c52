using System.Threading.Channels;

namespace LabelerWorkbench.Features.Quality;

/// <summary>
/// Stored checks on their way to the quality monitor. Bounded: under a flood the submitter waits a moment
/// rather than the process growing without limit; nothing is lost, since every check is already in the database.
/// </summary>
public sealed class QualityEventQueue
{
    readonly Channel<CheckRecorded> channel = Channel.CreateBounded<CheckRecorded>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
    });

    public ChannelReader<CheckRecorded> Reader => channel.Reader;

    public ValueTask EnqueueAsync(CheckRecorded check, CancellationToken ct = default) => channel.Writer.WriteAsync(check, ct);
}
