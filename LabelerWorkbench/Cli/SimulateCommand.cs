using System.Text.Json;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Simulation;

namespace LabelerWorkbench.Cli;

/// <summary><c>simulate --labelers N --tasks M --seed S</c>: the monitor against simulated labelers, ending with a JSON summary line.</summary>
public static class SimulateCommand
{
    public static int Run(string[] args)
    {
        var settings = new SimulationSettings(
            Math.Max(1, CliArgs.IntOption(args, "--labelers", 50)),
            Math.Max(1, CliArgs.IntOption(args, "--tasks", 40)),
            CliArgs.IntOption(args, "--seed", 1));
        var report = LabelerSimulation.Run(settings);
        Console.WriteLine($"{settings.Labelers} labelers × {settings.Tasks} gold checks, seed {settings.Seed}; " +
                          $"baseline {settings.Baseline:P0} per error type, injected {settings.InjectedRate:P0}; " +
                          $"rule: P(rate > {settings.Policy.RateThreshold:P0}) ≥ {settings.Policy.FlagProbability} with ≥ {settings.Policy.MinOpportunities} opportunities");
        Console.WriteLine();
        Console.WriteLine($"{"labeler",-12} {"injected",-24} {"flagged after",-14} other flags");
        foreach (var l in report.Injected)
        {
            var others = l.Flags.Where(f => f.Code != l.Labeler.Injected).Select(f => $"{f.Code.Name()}@{f.Check}");
            Console.WriteLine($"{l.Labeler.Id,-12} {l.Labeler.Injected!.Value.Name(),-24} {(l.ChecksToFlag is { } n ? $"{n} checks" : "not found"),-14} {string.Join(", ", others)}");
        }
        foreach (var l in report.Clean.Where(l => l.Flags.Count > 0))
            Console.WriteLine($"{l.Labeler.Id,-12} {"(clean)",-24} {"-",-14} {string.Join(", ", l.Flags.Select(f => $"{f.Code.Name()}@{f.Check}"))}");
        Console.WriteLine();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            injected = report.Injected.Count,
            found = report.Found,
            median_checks_to_flag = report.MedianChecksToFlag,
            max_checks_to_flag = report.Injected.Max(l => l.ChecksToFlag),
            clean = report.Clean.Count,
            false_flags = report.FalseFlags,
        }));
        return 0;
    }
}
