using LabelerWorkbench.Cli.Cluster;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// The labelers at work: all sign in (labeler i on node i mod nodes), start at random moments within one task's
/// saves, work through the warm-up, are measured for the run's seconds, then finish the request they are in.
/// </summary>
public sealed class LoadBenchRun
{
    LoadBenchRecorder Recorder { get; } = new();
    long[] peaks = [];
    int[] labelersPerNode = [];
    double[] nodeCpu = [];
    double clientCpu;
    string[] nodeNames = [];
    int tasksSeeded;

    public static async Task<LoadBenchRun> ExecuteAsync(LoadBenchOptions options, LoadBenchSeed seed, IReadOnlyList<AppNode> nodes, CancellationToken ct)
    {
        var run = new LoadBenchRun
        {
            nodeNames = nodes.Select(n => n.Name).ToArray(),
            labelersPerNode = nodes.Select((_, i) => Enumerable.Range(0, options.Labelers).Count(l => l % nodes.Count == i)).ToArray(),
            tasksSeeded = options.TasksNeeded,
        };
        var labelers = Enumerable.Range(0, options.Labelers)
            .Select(i => new LoadBenchLabeler(nodes[i % nodes.Count].BaseUrl, seed.Emails[i], seed, run.Recorder)).ToList();
        try
        {
            await using var monitor = new LoadBenchMonitor(nodes);
            // A sign-in hashes the password on purpose slowly: a few at a time, as people arriving in the morning.
            Console.Error.WriteLine($"bench-load: signing in {labelers.Count} labelers");
            await Parallel.ForEachAsync(labelers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (labeler, token) => await labeler.SignInAsync(token));

            Console.Error.WriteLine($"bench-load: labelers at work; {options.WarmupSeconds} s warm-up, then {options.Seconds} s measured");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var saveEvery = TimeSpan.FromMilliseconds(options.SaveEveryMs);
            // Each labeler starts at a random moment of one whole task (K saves), not only of one save interval: people
            // finish their tasks at unrelated moments, and starting all within one interval put every submit of the
            // run into the same 2 s of each 10 s, a burst of 200 submits and opens that no team makes.
            var random = new Random(1);
            var taskCycle = saveEvery * options.SavesPerTask;
            var working = labelers.Select(l => Task.Run(() => l.RunAsync(saveEvery, options.SavesPerTask, taskCycle * random.NextDouble(), stop.Token))).ToList();

            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct);
            run.Recorder.StartMeasuring(TimeSpan.FromSeconds(options.Seconds));
            monitor.StartWindow();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), ct);
            (run.nodeCpu, run.clientCpu) = monitor.EndWindow();
            await stop.CancelAsync();
            await Task.WhenAll(working);
            run.peaks = nodes.Select((_, i) => monitor.Peak(i)).ToArray();
        }
        finally
        {
            foreach (var labeler in labelers) labeler.Dispose();
        }
        return run;
    }

    public LoadBenchResult ToResult(LoadBenchOptions options, DateTime started, long[] before)
    {
        var latency = Enum.GetValues<LoadBenchOp>().Where(op => op != LoadBenchOp.Login)
            .Select(op => (Name: op.ToString().ToLowerInvariant(), Summary: Recorder.Latency(op)))
            .Where(x => x.Summary is not null).ToDictionary(x => x.Name, x => x.Summary!);
        var errors = Recorder.Errors;
        var saves = Recorder.MeasuredCount(LoadBenchOp.Save);
        var nodes = nodeNames.Select((name, i) => new LoadBenchNode(name, labelersPerNode[i], before[i], peaks[i], nodeCpu[i])).ToList();
        var errorCount = errors.Values.Sum();
        return new LoadBenchResult(options.SetupName, options.Labelers, options.Seconds, options.WarmupSeconds, options.SaveEveryMs,
            options.SavesPerTask, tasksSeeded, Environment.ProcessorCount, started, saves / (double)options.Seconds, saves,
            Recorder.MeasuredCount(LoadBenchOp.Lease), Recorder.MeasuredCount(LoadBenchOp.Open), Recorder.MeasuredCount(LoadBenchOp.Submit),
            latency, errors, errorCount, nodes, clientCpu,
            TargetMet: errorCount == 0 && latency.TryGetValue("save", out var save) && save.P95 < 100, PoolSizePerNode: options.PoolSize);
    }
}
