using System.Text.Json;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>One node's memory and processor use over a run.</summary>
/// <param name="BeforeBytes">Resident set after the node's warm-up request cycle, before the labelers signed in.</param>
/// <param name="PeakBytes">Highest resident set sampled while the labelers worked.</param>
/// <param name="CpuPercent">Processor time used in the measured window, as a share of one core.</param>
public sealed record LoadBenchNode(string Name, int Labelers, long BeforeBytes, long PeakBytes, double CpuPercent)
{
    public double BeforeMiB => BeforeBytes / 1048576.0;
    public double PeakMiB => PeakBytes / 1048576.0;
    /// <summary>(peak − before) / labelers on this node, in KiB.</summary>
    public double PerLabelerKiB => Labelers == 0 ? 0 : (PeakBytes - BeforeBytes) / 1024.0 / Labelers;
}

/// <summary>Everything a run measured, printed as a table and optionally written as JSON.</summary>
public sealed record LoadBenchResult(
    string Setup, int Labelers, int Seconds, int WarmupSeconds, int SaveEveryMs, int SavesPerTask, int TasksSeeded,
    int Cores, DateTime StartedUtc, double SavesPerSecond, int Saves, int Leases, int Opens, int Submits,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs, IReadOnlyDictionary<string, int> Errors, int ErrorCount,
    IReadOnlyList<LoadBenchNode> Nodes, double BenchClientCpuPercent, bool TargetMet, int? PoolSizePerNode = null)
{
    public const string Note =
        "Labelers are REST clients (cookie sign-in, no Blazor circuit): memory per labeler excludes a circuit. " +
        "The simulated labelers run on the same machine as the nodes and share its cores.";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Print(TextWriter output)
    {
        output.WriteLine();
        var pool = PoolSizePerNode is { } p ? Invariant($" ({p} connections per node)") : "";
        output.WriteLine(Invariant($"bench-load  setup {Setup}{pool}  {Labelers} labelers  {Seconds} s measured (after {WarmupSeconds} s warm-up)  save every {SaveEveryMs} ms, submit after {SavesPerTask}  {Cores} cores"));
        output.WriteLine(Invariant($"saves/s {SavesPerSecond,8:F1}   saves {Saves}   leases {Leases}   opens {Opens}   submits {Submits}   (in the measured window; a submit hands over the next task, so leases are only the fresh starts)"));
        output.WriteLine("request        count     p50 ms    p95 ms    p99 ms    max ms");
        foreach (var (op, l) in LatencyMs)
            output.WriteLine(Invariant($"{op,-10} {l.Count,9} {l.P50,10:F1} {l.P95,9:F1} {l.P99,9:F1} {l.Max,9:F1}"));
        output.WriteLine("node        labelers   RSS before MiB   RSS peak MiB   per labeler KiB   CPU % (of one core)");
        foreach (var n in Nodes)
            output.WriteLine(Invariant($"{n.Name,-10} {n.Labelers,9} {n.BeforeMiB,16:F0} {n.PeakMiB,14:F0} {n.PerLabelerKiB,17:F0} {n.CpuPercent,17:F0}"));
        output.WriteLine(Invariant($"bench client CPU % (of one core): {BenchClientCpuPercent:F0}"));
        if (ErrorCount == 0) output.WriteLine("errors: none");
        else
        {
            output.WriteLine($"errors: {ErrorCount} (from sign-in to the end, warm-up included)");
            foreach (var (kind, count) in Errors) output.WriteLine($"  {count,7}  {kind}");
        }
        var p95 = LatencyMs.GetValueOrDefault("save")?.P95;
        output.WriteLine(Invariant($"target (p95 save < 100 ms, no errors): {(TargetMet ? "met" : "missed")} (p95 save {p95?.ToString("F1") ?? "n/a"} ms, {ErrorCount} errors)"));
        output.WriteLine(Note);
    }

    public void WriteJson(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(new { result = this, note = Note }, Json));
    }
}
