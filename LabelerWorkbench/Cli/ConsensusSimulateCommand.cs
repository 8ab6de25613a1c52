using System.Text.Json;
using LabelerWorkbench.Domain.Consensus;

namespace LabelerWorkbench.Cli;

/// <summary><c>simulate --consensus K</c>: k simulated labelers per page through the real merger; ends with a JSON line echoing its scenario.</summary>
public static class ConsensusSimulateCommand
{
    public const string Usage = """
        simulate --consensus K [--pages N] [--lines L] [--char-error P] [--word-error P] [--miss P] [--extra P] [--jitter PX] [--seed S]
                 K labelers (2–5) label each of N pages of L text lines independently, with the given chance of a wrong
                 character, a dropped, split or joined word, a missed line and a stray box; their work goes through the
                 product's merger (IoU matching, a majority quorum, word-aligned text) and is compared with the truth:
                 CER of one labeler, of exact-match majority and of the merge, and the merge's region precision/recall.
        """;

    static readonly string[] Options = ["--consensus", "--pages", "--lines", "--char-error", "--word-error", "--miss", "--extra", "--jitter", "--seed"];

    public static int Run(string[] args)
    {
        CliArgs.Check(args, Options);
        var scenario = new ConsensusScenario(
            CliArgs.IntOption(args, "--consensus", 3, 2, 5),
            CliArgs.IntOption(args, "--pages", 200, 1, 100_000),
            CliArgs.IntOption(args, "--lines", 10, 1, 1_000),
            CliArgs.DoubleOption(args, "--char-error", 0.05, 0, 0.5),
            CliArgs.DoubleOption(args, "--word-error", 0.02, 0, 0.5),
            CliArgs.DoubleOption(args, "--miss", 0.05, 0, 0.9),
            CliArgs.DoubleOption(args, "--extra", 0.03, 0, 0.9),
            CliArgs.DoubleOption(args, "--jitter", 3, 0, 50),
            CliArgs.IntOption(args, "--seed", 1));
        var r = ConsensusSimulation.Run(scenario);
        Console.WriteLine($"{scenario.Replicas} labelers per page (quorum {scenario.Quorum}), {scenario.Pages} pages of {scenario.LinesPerPage} lines, seed {scenario.Seed}; " +
                          $"per character {scenario.CharError:P1}, per word {scenario.WordError:P1}, missed line {scenario.MissRate:P0}, stray box {scenario.ExtraRate:P0}, jitter ±{scenario.Jitter} px");
        Console.WriteLine($"CER: one labeler {r.SingleCer:P2} · exact-match majority {r.MajorityCer:P2} (a majority typed the line identically in {r.ExactMajorityShare:P0} of lines) · word-aligned merge {r.MergedCer:P2}");
        Console.WriteLine($"regions: merge precision {r.RegionPrecision:P1}, recall {r.RegionRecall:P1} (one labeler: {r.SinglePrecision:P1}, {r.SingleRecall:P1}); mean agreement {r.MeanAgreement:P1}");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            cer_single = Math.Round(r.SingleCer, 5),
            cer_majority = Math.Round(r.MajorityCer, 5),
            cer_merged = Math.Round(r.MergedCer, 5),
            exact_majority_lines = Math.Round(r.ExactMajorityShare, 4),
            region_precision = Math.Round(r.RegionPrecision, 4),
            region_recall = Math.Round(r.RegionRecall, 4),
            single_precision = Math.Round(r.SinglePrecision, 4),
            single_recall = Math.Round(r.SingleRecall, 4),
            mean_agreement = Math.Round(r.MeanAgreement, 4),
            consensus = scenario.Replicas,
            quorum = scenario.Quorum,
            pages = scenario.Pages,
            lines = scenario.LinesPerPage,
            char_error = scenario.CharError,
            word_error = scenario.WordError,
            miss = scenario.MissRate,
            extra = scenario.ExtraRate,
            jitter = scenario.Jitter,
            seed = scenario.Seed,
        }));
        return 0;
    }
}
