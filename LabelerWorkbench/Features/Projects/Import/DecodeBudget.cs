using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>
/// The pixels being decoded at once across the whole process, bounded: a decode reserves its image's pixel count
/// (width × height, read from the header) before it starts and returns it when done. Work that does not fit
/// within a short wait is refused as "busy, retry" instead of growing the server's memory. A budget rather
/// than a count of decodes: ten small images fit where one 100-megapixel image does.
/// </summary>
public sealed class DecodeBudget(IOptions<ImportOptions> options)
{
    readonly object gate = new();
    TaskCompletionSource released = NewSignal();
    long inFlight;

    /// <summary>The budget in pixels; never under one image at the pixel limit, so every allowed image can be checked.</summary>
    public long Capacity { get; } = Math.Max(options.Value.DecodePixelBudget, options.Value.MaxPixels);

    /// <summary>The most pixels that were ever reserved at once (for the benchmark and the log).</summary>
    public long PeakPixels { get; private set; }

    /// <summary>Reserves <paramref name="pixels"/>, waiting up to <c>Import:DecodeWaitMs</c> for room; null when there is none.</summary>
    public async Task<IDisposable?> TryReserveAsync(long pixels, CancellationToken ct = default)
    {
        pixels = Math.Min(pixels, Capacity);
        var deadline = DateTime.UtcNow.AddMilliseconds(options.Value.DecodeWaitMs);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (inFlight + pixels <= Capacity)
                {
                    inFlight += pixels;
                    PeakPixels = Math.Max(PeakPixels, inFlight);
                    return new Reservation(this, pixels);
                }
                signal = released.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            await Task.WhenAny(signal, Task.Delay(left, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    void Release(long pixels)
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            inFlight -= pixels;
            wake = released;
            released = NewSignal();
        }
        wake.TrySetResult();
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    sealed class Reservation(DecodeBudget owner, long pixels) : IDisposable
    {
        int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Release(pixels);
        }
    }
}
