using System.Diagnostics;
using LabelerWorkbench.Cli.Cluster;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// Samples the nodes' resident memory four times a second while the labelers work (the peak is what a host must
/// have), and reads the processor time the nodes and this process used over the measured window.
/// </summary>
public sealed class LoadBenchMonitor : IAsyncDisposable
{
    readonly IReadOnlyList<AppNode> nodes;
    readonly long[] peaks;
    readonly CancellationTokenSource stop = new();
    readonly Task sampling;
    TimeSpan[] cpuAtStart = [];
    TimeSpan clientCpuAtStart;
    long windowStart;

    public LoadBenchMonitor(IReadOnlyList<AppNode> nodes)
    {
        this.nodes = nodes;
        peaks = nodes.Select(n => n.ResidentBytes()).ToArray();
        sampling = SampleAsync();
    }

    public long Peak(int node) => Interlocked.Read(ref peaks[node]);

    public void StartWindow()
    {
        cpuAtStart = nodes.Select(CpuTime).ToArray();
        clientCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        windowStart = Stopwatch.GetTimestamp();
    }

    /// <returns>Each node's processor use over the window, and this process's, in percent of one core.</returns>
    public (double[] Nodes, double Client) EndWindow()
    {
        var seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
        var used = nodes.Select((n, i) => (CpuTime(n) - cpuAtStart[i]).TotalSeconds / seconds * 100).ToArray();
        return (used, (Process.GetCurrentProcess().TotalProcessorTime - clientCpuAtStart).TotalSeconds / seconds * 100);
    }

    async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
                for (var i = 0; i < nodes.Count; i++)
                    if (!nodes[i].HasExited) peaks[i] = Math.Max(peaks[i], nodes[i].ResidentBytes());
        }
        catch (OperationCanceledException) { }
    }

    static TimeSpan CpuTime(AppNode node)
    {
        try
        {
            using var process = Process.GetProcessById(node.ProcessId);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException) { return TimeSpan.Zero; }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
