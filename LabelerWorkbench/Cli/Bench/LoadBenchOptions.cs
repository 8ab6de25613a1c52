namespace LabelerWorkbench.Cli.Bench;

/// <summary>Where the benchmark's nodes keep their data: one node on SQLite, one on PostgreSQL, or two sharing PostgreSQL and Redis.</summary>
public enum LoadBenchSetup { Sqlite, Postgres, Postgres2Nodes }

/// <summary>One run of <c>bench-load</c>, as read from its command line.</summary>
/// <param name="WarmupSeconds">
/// Labelers work this long before anything is measured (connection pools, caches, and above all the JIT: a node's
/// tiered compilation recompiles the hot code for about the first minute under load, and on a 2-core machine it took
/// most of a core while it did). A server runs for hours; the default measures it after that first minute.
/// </param>
/// <param name="PoolSize">
/// PostgreSQL connections per node (Npgsql's <c>Maximum Pool Size</c>); null on SQLite. Npgsql's default of 100 per
/// node gives a 2-core database machine about 100 backend processes contending for its cores; a few per core serve
/// the same load with far less waiting.
/// </param>
public sealed record LoadBenchOptions(
    int Labelers, int Seconds, LoadBenchSetup Setup, int SaveEveryMs, int SavesPerTask, int WarmupSeconds, string? JsonPath,
    int? PoolSize = null)
{
    public const int DefaultPoolSize = 10;

    public const string Usage =
        "Usage: bench-load [--labelers N] [--seconds S] [--setup sqlite|postgres|postgres-2nodes] [--save-every-ms MS] " +
        "[--saves-per-task K] [--warmup-seconds W] [--pool-size P (PostgreSQL only)] [--json FILE]";

    static readonly string[] Names =
        ["--labelers", "--seconds", "--setup", "--save-every-ms", "--saves-per-task", "--warmup-seconds", "--pool-size", "--json"];

    /// <summary>Reads the options strictly; anything unknown or out of range throws <see cref="CliUsageException"/>.</summary>
    public static LoadBenchOptions Parse(string[] args)
    {
        CliArgs.Check(args, Names);
        var setup = CliArgs.ChoiceOption(args, "--setup", "sqlite", "sqlite", "postgres", "postgres-2nodes") switch
        {
            "postgres" => LoadBenchSetup.Postgres,
            "postgres-2nodes" => LoadBenchSetup.Postgres2Nodes,
            _ => LoadBenchSetup.Sqlite,
        };
        if (setup == LoadBenchSetup.Sqlite && CliArgs.Flag(args, "--pool-size"))
            throw new CliUsageException("--pool-size sets PostgreSQL's connections per node; SQLite has no such pool.");
        return new(
            Labelers: CliArgs.IntOption(args, "--labelers", 200, 1, 5_000),
            Seconds: CliArgs.IntOption(args, "--seconds", 60, 1, 3_600),
            Setup: setup,
            SaveEveryMs: CliArgs.IntOption(args, "--save-every-ms", 2_000, 50, 600_000),
            SavesPerTask: CliArgs.IntOption(args, "--saves-per-task", 5, 1, 1_000),
            WarmupSeconds: CliArgs.IntOption(args, "--warmup-seconds", 60, 0, 600),
            JsonPath: CliArgs.PathOption(args, "--json"),
            PoolSize: setup == LoadBenchSetup.Sqlite ? null : CliArgs.IntOption(args, "--pool-size", DefaultPoolSize, 1, 1_000));
    }

    public string SetupName => Setup switch
    {
        LoadBenchSetup.Postgres => "postgres",
        LoadBenchSetup.Postgres2Nodes => "postgres-2nodes",
        _ => "sqlite",
    };

    public int NodeCount => Setup == LoadBenchSetup.Postgres2Nodes ? 2 : 1;

    /// <summary>
    /// Tasks to seed so that the queue never runs dry: each labeler finishes one task per K saves, for the warm-up and
    /// the measured time, plus the one it holds at the end and a margin.
    /// </summary>
    public int TasksNeeded
    {
        get
        {
            var perLabeler = (int)Math.Ceiling((WarmupSeconds + Seconds) * 1000.0 / ((double)SaveEveryMs * SavesPerTask));
            return Labelers * (perLabeler + 2) + 10;
        }
    }
}
