using LabelerWorkbench.Features.Quality.Monitor;
using LabelerWorkbench.Features.Quality.Scoring;

namespace LabelerWorkbench.Features.Quality.Simulation;

public sealed record SimulationSettings(
    int Labelers, int Tasks, int Seed,
    double InjectedShare = 0.2, double Baseline = 0.03, double InjectedRate = 0.30)
{
    public MonitorPolicy Policy { get; init; } = MonitorPolicy.Default;
    public ScoringThresholds Thresholds { get; init; } = ScoringThresholds.Default;
}

/// <summary>What the monitor did about one simulated labeler.</summary>
/// <param name="ChecksToFlag">Gold checks until the injected error type was flagged; null if it never was.</param>
/// <param name="Flags">Every flag raised, with the gold check on which it happened.</param>
public sealed record LabelerOutcome(SimulatedLabeler Labeler, int? ChecksToFlag, IReadOnlyList<(ErrorCode Code, int Check)> Flags);

public sealed record SimulationReport(IReadOnlyList<LabelerOutcome> Labelers)
{
    public IReadOnlyList<LabelerOutcome> Injected => Labelers.Where(l => l.Labeler.Injected is not null).ToList();
    public IReadOnlyList<LabelerOutcome> Clean => Labelers.Where(l => l.Labeler.Injected is null).ToList();
    public int Found => Injected.Count(l => l.ChecksToFlag is not null);
    public int FalseFlags => Clean.Count(l => l.Flags.Count > 0);

    public double? MedianChecksToFlag
    {
        get
        {
            var found = Injected.Where(l => l.ChecksToFlag is not null).Select(l => (double)l.ChecksToFlag!.Value).Order().ToList();
            if (found.Count == 0) return null;
            return found.Count % 2 == 1 ? found[found.Count / 2] : (found[found.Count / 2 - 1] + found[found.Count / 2]) / 2;
        }
    }
}

/// <summary>
/// Runs simulated labelers through the real scorer and the real monitor rule: a clean majority at a baseline
/// error rate and a few with one error type injected; every task is a gold check, labelers take turns as a team would.
/// </summary>
public static class LabelerSimulation
{
    public static SimulationReport Run(SimulationSettings settings)
    {
        var rng = new Random(settings.Seed);
        var injectedCount = Math.Max(1, (int)Math.Round(settings.Labelers * settings.InjectedShare));
        var labelers = Enumerable.Range(0, settings.Labelers).Select(i => i < injectedCount
            ? SimulatedLabeler.WithInjected($"labeler-{i + 1:00}", settings.Baseline, ErrorCodes.All[i % ErrorCodes.All.Count], settings.InjectedRate)
            : SimulatedLabeler.Clean($"labeler-{i + 1:00}", settings.Baseline)).ToList();
        var tracker = new QualityTracker(settings.Policy);
        var flags = labelers.ToDictionary(l => l.Id, _ => new List<(ErrorCode, int)>());

        for (var check = 1; check <= settings.Tasks; check++)
        {
            foreach (var labeler in labelers)
            {
                var task = SimulatedGoldTask.Create(rng);
                var (submitted, kept) = labeler.Label(task, rng);
                var score = SubmissionScorer.Score(submitted, task.Answer, task.Suggestions, kept, settings.Thresholds);
                foreach (var change in tracker.Observe(labeler.Id, score.Tallies()))
                {
                    if (change.Decision == FlagDecision.Raise) flags[labeler.Id].Add((change.Code, check));
                }
            }
        }
        return new SimulationReport(labelers.Select(l => new LabelerOutcome(l,
            l.Injected is { } code ? flags[l.Id].Where(f => f.Item1 == code).Select(f => (int?)f.Item2).FirstOrDefault() : null,
            flags[l.Id])).ToList());
    }
}
