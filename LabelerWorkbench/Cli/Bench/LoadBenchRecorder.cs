using System.Collections.Concurrent;
using System.Diagnostics;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>The requests a simulated labeler makes, each timed and counted on its own.</summary>
public enum LoadBenchOp { Login, Lease, Open, Save, Submit }

/// <summary>Latency percentiles of one kind of request, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);

/// <summary>
/// Every request's outcome, shared by all simulated labelers. Latencies count only for requests that start inside
/// the measured window (after the warm-up, before the end); errors count from the first sign-in to the last request,
/// since an error during the warm-up is still an error.
/// </summary>
public sealed class LoadBenchRecorder
{
    readonly ConcurrentDictionary<LoadBenchOp, ConcurrentBag<double>> latencies = new();
    readonly ConcurrentDictionary<string, int> errors = new();
    readonly ConcurrentDictionary<LoadBenchOp, int> measuredOk = new();
    long measureFrom = long.MaxValue, measureUntil = long.MaxValue;

    /// <summary>Opens the measured window now, for <paramref name="duration"/>.</summary>
    public void StartMeasuring(TimeSpan duration)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref measureUntil, now + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Interlocked.Exchange(ref measureFrom, now);
    }

    public bool InWindow(long timestamp) => timestamp >= Interlocked.Read(ref measureFrom) && timestamp < Interlocked.Read(ref measureUntil);

    /// <summary>A request that succeeded, started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Succeeded(LoadBenchOp op, long started)
    {
        if (!InWindow(started)) return;
        latencies.GetOrAdd(op, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        measuredOk.AddOrUpdate(op, 1, (_, n) => n + 1);
    }

    /// <summary>A request that failed: <paramref name="kind"/> is its status or exception, e.g. "409" or "timeout".</summary>
    public void Failed(LoadBenchOp op, string kind) => Failed($"{op.ToString().ToLowerInvariant()} {kind}");

    public void Failed(string what) => errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    public int MeasuredCount(LoadBenchOp op) => measuredOk.GetValueOrDefault(op);

    public IReadOnlyDictionary<string, int> Errors => errors.OrderByDescending(e => e.Value).ToDictionary(e => e.Key, e => e.Value);

    public LatencySummary? Latency(LoadBenchOp op)
    {
        if (!latencies.TryGetValue(op, out var bag) || bag.IsEmpty) return null;
        var sorted = bag.ToArray();
        Array.Sort(sorted);
        return new(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
