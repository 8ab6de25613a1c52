using LabelerWorkbench.Cli.Cluster;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>bench-load</c>: N simulated labelers (lease, save every 2 s, submit) against app nodes started as child
/// processes on a freshly seeded database — one node on SQLite, one on PostgreSQL, or two on PostgreSQL with Redis.
/// Reports saves per second, request latencies, errors by kind and the nodes' memory per connected labeler.
/// Everything it starts (nodes, PostgreSQL, Redis, temporary folders) is stopped and removed at the end.
/// </summary>
public static class LoadBenchCommand
{
    public static int Run(string[] args)
    {
        var options = LoadBenchOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        // Ctrl+C ends the run through the finally blocks, so the servers it started are stopped.
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try { return RunAsync(options, cancel.Token).GetAwaiter().GetResult(); }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench-load: cancelled; everything it started has been stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"bench-load: {ex.Message}");
            return 1;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    static async Task<int> RunAsync(LoadBenchOptions options, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var data = Directory.CreateTempSubdirectory("lw-bench-load-").FullName;
        var nodes = new List<AppNode>();
        try
        {
            Console.Error.WriteLine($"bench-load: setup {options.SetupName}, {options.Labelers} labelers; starting servers and seeding {options.TasksNeeded} tasks");
            await using var servers = await LoadBenchServers.StartAsync(options.Setup, ct);
            var settings = NodeSettings(options, data, servers);
            // One more account per node for the warm-up cycle, which must not touch the measured labelers' tasks.
            var seed = await LoadBenchSeeder.SeedAsync(settings, options.Labelers + options.NodeCount, options.TasksNeeded, ct);

            Console.Error.WriteLine($"bench-load: starting {options.NodeCount} node(s)");
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(1, options.NodeCount)
                .Select(i => AppNode.StartAsync($"node-{i}", settings, ct: ct))));
            for (var i = 0; i < nodes.Count; i++) await WarmUpAsync(nodes[i], seed, seed.Emails[options.Labelers + i], ct);
            var before = nodes.Select(n => n.ResidentBytes()).ToArray();

            var run = await LoadBenchRun.ExecuteAsync(options, seed, nodes, ct);
            var result = run.ToResult(options, started, before);
            result.Print(Console.Out);
            if (options.JsonPath is { } json)
            {
                result.WriteJson(json);
                Console.WriteLine($"Wrote {Path.GetFullPath(json)}");
            }
            if (nodes.FirstOrDefault(n => n.HasExited) is { } dead)
            {
                Console.Error.WriteLine($"bench-load: node {dead.Name} stopped during the run:\n{dead.Output}");
                return 1;
            }
            return 0;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The nodes' configuration: the database, no demo content, no models (labelers draw their own boxes).</summary>
    static Dictionary<string, string> NodeSettings(LoadBenchOptions options, string data, LoadBenchServers servers)
    {
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = data,
            ["Demo:Seed"] = "false",
            ["PreAnnotation:Enabled"] = "false",
        };
        if (options.Setup == LoadBenchSetup.Sqlite) return settings;
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Default"] = $"{servers.PostgresConnection};Maximum Pool Size={options.PoolSize}";
        if (servers.Redis is { } redis) settings["Live:Redis"] = redis;
        return settings;
    }

    /// <summary>
    /// One full labeler cycle on a node before anything is measured (the code paths compiled, pools open); a
    /// failure here means the benchmark itself is wrong (a refused sign-in, a changed API) and stops it.
    /// </summary>
    static async Task WarmUpAsync(AppNode node, LoadBenchSeed seed, string email, CancellationToken ct)
    {
        var recorder = new LoadBenchRecorder();
        using var labeler = new LoadBenchLabeler(node.BaseUrl, email, seed, recorder);
        if (await labeler.SignInAsync(ct))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(TimeSpan.FromSeconds(3));
            await labeler.RunAsync(TimeSpan.FromMilliseconds(200), 3, TimeSpan.Zero, stop.Token);
        }
        ct.ThrowIfCancellationRequested();
        if (recorder.Errors.Count > 0)
            throw new InvalidOperationException($"The warm-up on {node.Name} failed: " +
                string.Join("; ", recorder.Errors.Select(e => $"{e.Value}× {e.Key}")) + $"\n{node.Output}");
    }
}
