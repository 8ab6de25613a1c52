using LabelerWorkbench.Cli;
using LabelerWorkbench.Cli.Bench;

namespace LabelerWorkbench.Tests.Cli;

/// <summary>bench-load reads its options strictly: a wrong one stops with the usage before any server starts.</summary>
[Collection(ConsoleCollection.Name)]
public class LoadBenchArgsTests
{
    static (int? Code, string Out, string Error) Run(params string[] args) => CommandLineTests.Run(args);

    [Theory]
    [InlineData("--labelers", "many")]
    [InlineData("--labelers", "0")]
    [InlineData("--seconds", "-5")]
    [InlineData("--setup", "mysql")]
    [InlineData("--save-every-ms", "2.5")]
    [InlineData("--saves-per-task")]
    [InlineData("--labelerz", "10")]
    [InlineData("--labelers", "10", "--labelers", "20")]
    [InlineData("stray")]
    [InlineData("--pool-size", "0", "--setup", "postgres")]
    [InlineData("--pool-size", "10")]
    public void ABadCommandLine_StopsWithTheUsage_AndExitCode2(params string[] options)
    {
        var (code, output, error) = Run(["bench-load", .. options]);
        Assert.Equal(2, code);
        Assert.StartsWith("bench-load:", error);
        Assert.Contains("bench-load [--labelers N]", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Defaults_Are200Labelers60SecondsOnSqlite_SavingEvery2SecondsAndSubmittingAfter5()
    {
        var options = LoadBenchOptions.Parse([]);
        Assert.Equal(new LoadBenchOptions(200, 60, LoadBenchSetup.Sqlite, 2_000, 5, 60, null), options);
        Assert.Equal(1, options.NodeCount);
        Assert.Equal(LoadBenchOptions.DefaultPoolSize, LoadBenchOptions.Parse(["--setup", "postgres"]).PoolSize);
    }

    [Fact]
    public void EveryOption_IsRead()
    {
        var options = LoadBenchOptions.Parse(["--labelers", "50", "--seconds", "30", "--setup", "postgres-2nodes",
            "--save-every-ms", "500", "--saves-per-task", "3", "--warmup-seconds", "0", "--pool-size", "25"]);
        Assert.Equal(new LoadBenchOptions(50, 30, LoadBenchSetup.Postgres2Nodes, 500, 3, 0, null, 25), options);
        Assert.Equal(2, options.NodeCount);
        Assert.Equal("postgres-2nodes", options.SetupName);
    }

    [Fact]
    public void TheSeededQueue_OutlastsTheRun()
    {
        // 70 s at one task per 5 × 2 s = 7 tasks each, with room to spare.
        var options = LoadBenchOptions.Parse(["--labelers", "10", "--seconds", "60"]);
        Assert.True(options.TasksNeeded >= 10 * 8, $"{options.TasksNeeded} tasks");
    }
}
