using LabelerWorkbench.Live;

namespace LabelerWorkbench.Features.Quality;

/// <summary>
/// Hands stored checks to the quality monitor. The queue itself is the database (checks not yet monitored), so any
/// node may store a check and the monitor, on whichever node plays it, acts on each once.
/// </summary>
public interface IQualityEventQueue
{
    /// <summary>The check is stored: wake the monitor.</summary>
    Task EnqueueAsync(CheckRecorded check, CancellationToken ct = default);
}

/// <summary>Published when a check was stored, so the monitor acts at once, on whichever node it runs.</summary>
public sealed record QualityCheckStored(int CheckId, int ProjectId);

/// <summary>Wakes the monitor through the notification hub, which reaches every node.</summary>
public sealed class StoredCheckQueue(INotificationHub hub) : IQualityEventQueue
{
    public Task EnqueueAsync(CheckRecorded check, CancellationToken ct = default) =>
        hub.PublishAsync(new QualityCheckStored(check.CheckId, check.ProjectId));
}
