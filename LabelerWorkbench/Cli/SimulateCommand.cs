using System.Text.Json;
using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Cli;

/// <summary>The monitor against simulated labelers, ending with a JSON summary line that echoes its scenario.</summary>
public static class SimulateCommand
{
    public const string Usage = """
        simulate [--labelers N] [--tasks M] [--seed S] [--drift-after H] [--slide] [--improve-after K] [--rule new|old|forgetting]
                 run the real scorer and quality monitor over simulated labelers: 80 % clean at 3 % per error type,
                 20 % whose rate for one type rises to 30 % after H clean gold checks (at once, or over 50 checks with
                 --slide), recovering K checks after their flag with --improve-after; M gold checks after the change.
                 --rule old runs the first rule (a posterior over everything since the last flag change),
                 forgetting an exponentially forgetting posterior, new the CUSUM the product uses.
        """;

    static readonly string[] Options = ["--labelers", "--tasks", "--seed", "--drift-after", "--improve-after", "--rule"];
    static readonly string[] Flags = ["--slide"];

    public static int Run(string[] args)
    {
        CliArgs.Check(args, Options, Flags);
        var rule = CliArgs.ChoiceOption(args, "--rule", "new", "new", "old", "forgetting");
        var improve = CliArgs.Option(args, "--improve-after") is null ? (int?)null : CliArgs.IntOption(args, "--improve-after", 0, 0, 100_000);
        var settings = new SimulationSettings(
            CliArgs.IntOption(args, "--labelers", 50, 1, 100_000),
            CliArgs.IntOption(args, "--tasks", 40, 1, 1_000_000),
            CliArgs.IntOption(args, "--seed", 1),
            DriftAfter: CliArgs.IntOption(args, "--drift-after", 0, 0, 1_000_000),
            Slide: CliArgs.Flag(args, "--slide"),
            ImproveAfter: improve)
        {
            Policy = MonitorPolicy.Default with
            {
                Rule = rule switch { "old" => FlagRuleKind.Window, "forgetting" => FlagRuleKind.Forgetting, _ => FlagRuleKind.Cusum },
            },
        };
        var report = LabelerSimulation.Run(settings);
        var p = settings.Policy;
        Console.WriteLine($"{settings.Labelers} labelers, {settings.DriftAfter} clean gold checks then {settings.Tasks} more, seed {settings.Seed}; " +
                          $"baseline {settings.Baseline:P0} per error type, injected {settings.InjectedRate:P0}{(settings.Slide ? $" reached over {SimulationSettings.SlideChecks} checks" : " at once")}" +
                          (settings.ImproveAfter is { } k ? $", recovering {k} checks after the flag" : ""));
        Console.WriteLine(p.Rule switch
        {
            FlagRuleKind.Cusum => $"rule: CUSUM of rate {p.CusumRates.Unacceptable:P0} against {p.CusumRates.Acceptable:P0}, raise at {p.FlagEvidence}, clear at {p.ClearEvidence}, ≥ {p.MinOpportunities} opportunities",
            FlagRuleKind.Window => $"rule: old, P(rate > {p.RateThreshold:P0}) ≥ {p.FlagProbability} over everything since the last flag change, ≥ {p.MinOpportunities} opportunities",
            _ => $"rule: forgetting posterior (memory {p.Memory} opportunities), P(rate > {p.RateThreshold:P0}) ≥ {p.FlagProbability}",
        });
        Console.WriteLine();
        Console.WriteLine($"{"labeler",-12} {"injected",-24} {"flagged after",-14} {"cleared after",-14} other flags");
        foreach (var l in report.Injected)
        {
            var others = l.Flags.Where(f => f.Code != l.Labeler.Injected).Select(f => $"{f.Code.Name()}@{f.Check}");
            Console.WriteLine($"{l.Labeler.Id,-12} {l.Labeler.Injected!.Value.Name(),-24} {(l.ChecksToFlag is { } n ? $"{n} checks" : "not found"),-14} " +
                              $"{(l.ChecksToClear is { } c ? $"{c} checks" : "-"),-14} {string.Join(", ", others)}");
        }
        foreach (var l in report.Clean.Where(l => l.Flags.Count > 0))
            Console.WriteLine($"{l.Labeler.Id,-12} {"(clean)",-24} {"-",-14} {"-",-14} {string.Join(", ", l.Flags.Select(f => $"{f.Code.Name()}@{f.Check}"))}");
        Console.WriteLine();
        Console.WriteLine("median checks to flag by error type: " +
                          string.Join(", ", ErrorCodes.All.Select(c => $"{c.Name()} {report.MedianChecksToFlagOf(c)?.ToString("0.#") ?? "-"}")));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            injected = report.Injected.Count,
            found = report.Found,
            median_checks_to_flag = report.MedianChecksToFlag,
            max_checks_to_flag = report.Injected.Max(l => l.ChecksToFlag),
            clean = report.Clean.Count,
            false_flags = report.FalseFlags,
            early_flags = report.EarlyFlags,
            cleared = settings.ImproveAfter is null ? (int?)null : report.Injected.Count(l => l.ChecksToClear is not null),
            median_checks_to_clear = report.MedianChecksToClear,
            median_by_type = ErrorCodes.All.ToDictionary(c => c.Name(), report.MedianChecksToFlagOf),
            labelers = settings.Labelers,
            tasks = settings.Tasks,
            seed = settings.Seed,
            drift_after = settings.DriftAfter,
            slide = settings.Slide,
            improve_after = settings.ImproveAfter,
            rule = rule,
        }));
        return 0;
    }
}
