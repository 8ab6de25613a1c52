using LabelerWorkbench.Cli;

namespace LabelerWorkbench.Tests.Cli;

/// <summary>Commands are strict: an unknown option or a bad value stops with the usage, and nothing runs.</summary>
[Collection(ConsoleCollection.Name)]
public class CommandLineTests
{
    /// <summary>Runs a command as the console would, capturing what it prints.</summary>
    internal static (int? Code, string Out, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try { return (CommandLine.TryRun(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(stdout); Console.SetError(stderr); }
    }

    [Theory]
    [InlineData("simulate", "--drift-afterr", "1000")]
    [InlineData("simulate", "--rule", "newest")]
    [InlineData("simulate", "--tasks", "ten")]
    [InlineData("simulate", "--labelers")]
    [InlineData("simulate", "stray")]
    [InlineData("export", "--project", "Demo", "--format", "coco", "--out", "x.json", "--everything")]
    [InlineData("bench-export", "--regions", "10", "--fast")]
    public void ABadCommandLine_StopsWithTheReasonAndTheUsage(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("Usage", error);
        Assert.Contains(args[0] + ":", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Simulate_RunsTheDriftScenario_AndEchoesItInTheClosingLine()
    {
        var (code, output, _) = Run("simulate", "--labelers", "7", "--tasks", "30", "--seed", "4", "--drift-after", "50", "--slide", "--improve-after", "5", "--rule", "old");
        Assert.Equal(0, code);
        var json = System.Text.Json.JsonDocument.Parse(output.TrimEnd().Split('\n').Last()).RootElement;
        Assert.Equal(50, json.GetProperty("drift_after").GetInt32());
        Assert.True(json.GetProperty("slide").GetBoolean());
        Assert.Equal(5, json.GetProperty("improve_after").GetInt32());
        Assert.Equal("old", json.GetProperty("rule").GetString());
        foreach (var field in new[] { "injected", "found", "median_checks_to_flag", "max_checks_to_flag", "clean", "false_flags" })
            Assert.True(json.TryGetProperty(field, out _), field);
        Assert.Equal(7, json.GetProperty("injected").GetInt32() + json.GetProperty("clean").GetInt32());
    }
}

/// <summary>Tests that redirect the console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
