
namespace LabelerWorkbench.Domain.Quality.Simulation;

/// <param name="Tasks">Gold checks per labeler after the change (all of them when <paramref name="DriftAfter"/> is 0).</param>
/// <param name="DriftAfter">Every labeler is clean for this many gold checks before the injected ones change.</param>
/// <param name="Slide">The injected rate rises linearly over <see cref="SlideChecks"/> checks instead of jumping.</param>
/// <param name="ImproveAfter">A flagged labeler returns to the baseline this many checks after the flag; null: never.</param>
public sealed record SimulationSettings(
    int Labelers, int Tasks, int Seed,
    double InjectedShare = 0.2, double Baseline = 0.03, double InjectedRate = 0.30,
    int DriftAfter = 0, bool Slide = false, int? ImproveAfter = null)
{
    public const int SlideChecks = 50;
    public MonitorPolicy Policy { get; init; } = MonitorPolicy.Default;
    public ScoringThresholds Thresholds { get; init; } = ScoringThresholds.Default;
}

/// <summary>What the monitor did about one simulated labeler.</summary>
/// <param name="ChecksToFlag">Gold checks from the change until the injected error type was flagged; null if it never was.</param>
/// <param name="Flags">Every flag raised, with the gold check (counted from the start) on which it happened.</param>
/// <param name="ChecksToClear">Gold checks from the recovery until the flag cleared; null if it did not (or no recovery).</param>
public sealed record LabelerOutcome(SimulatedLabeler Labeler, int? ChecksToFlag, IReadOnlyList<(ErrorCode Code, int Check)> Flags, int? ChecksToClear = null);

public sealed record SimulationReport(SimulationSettings Settings, IReadOnlyList<LabelerOutcome> Labelers)
{
    public IReadOnlyList<LabelerOutcome> Injected => Labelers.Where(l => l.Labeler.Injected is not null).ToList();
    public IReadOnlyList<LabelerOutcome> Clean => Labelers.Where(l => l.Labeler.Injected is null).ToList();
    public int Found => Injected.Count(l => l.ChecksToFlag is not null);
    public int FalseFlags => Clean.Count(l => l.Flags.Count > 0);
    /// <summary>Injected labelers flagged on their error type before it changed (while still clean).</summary>
    public int EarlyFlags => Injected.Count(l => l.Flags.Any(f => f.Code == l.Labeler.Injected && f.Check <= Settings.DriftAfter));
    public double? MedianChecksToFlag => Median(Injected.Where(l => l.ChecksToFlag is not null).Select(l => (double)l.ChecksToFlag!.Value));
    public double? MedianChecksToFlagOf(ErrorCode code) =>
        Median(Injected.Where(l => l.Labeler.Injected == code && l.ChecksToFlag is not null).Select(l => (double)l.ChecksToFlag!.Value));
    public double? MedianChecksToClear => Median(Injected.Where(l => l.ChecksToClear is not null).Select(l => (double)l.ChecksToClear!.Value));

    static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Runs simulated labelers through the real scorer and the real monitor: a clean majority at a baseline error
/// rate and a few whose rate for one error type changes after a clean history (at once or gradually), and who may
/// recover after being flagged. Every task is a gold check; labelers take turns as a team would.
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
        var flaggedAt = new Dictionary<string, int>();
        var clearedAt = new Dictionary<string, int>();

        var total = settings.DriftAfter + settings.Tasks;
        for (var check = 1; check <= total; check++)
        {
            foreach (var labeler in labelers)
            {
                var current = labeler.Injected is { } code
                    ? labeler.WithRate(code, InjectedRateAt(settings, check, flaggedAt.GetValueOrDefault(labeler.Id)))
                    : labeler;
                var task = SimulatedGoldTask.Create(rng);
                var (submitted, kept) = current.Label(task, rng);
                var score = SubmissionScorer.Score(submitted, task.Answer, task.Suggestions, kept, settings.Thresholds);
                foreach (var change in tracker.Observe(new CheckEvidence(labeler.Id, QualityCheckKind.Gold, null, score.Tallies())))
                {
                    if (change.Decision == FlagDecision.Raise)
                    {
                        flags[labeler.Id].Add((change.Code, check));
                        if (change.Code == labeler.Injected && check > settings.DriftAfter) flaggedAt.TryAdd(labeler.Id, check);
                    }
                    else if (change.Code == labeler.Injected && flaggedAt.TryGetValue(labeler.Id, out var at) &&
                             settings.ImproveAfter is { } k && check > at + k)
                        clearedAt.TryAdd(labeler.Id, check - (at + k));
                }
            }
        }
        return new SimulationReport(settings, labelers.Select(l => new LabelerOutcome(l,
            flaggedAt.TryGetValue(l.Id, out var at) ? at - settings.DriftAfter : null,
            flags[l.Id], clearedAt.TryGetValue(l.Id, out var c) ? c : null)).ToList());
    }

    /// <summary>The injected labeler's rate for their error type at a check: baseline, then the change, then (maybe) recovery.</summary>
    static double InjectedRateAt(SimulationSettings s, int check, int flaggedAt)
    {
        if (check <= s.DriftAfter) return s.Baseline;
        if (s.ImproveAfter is { } k && flaggedAt > 0 && check > flaggedAt + k) return s.Baseline;
        if (!s.Slide) return s.InjectedRate;
        var progress = Math.Min(1, (check - s.DriftAfter) / (double)SimulationSettings.SlideChecks);
        return s.Baseline + (s.InjectedRate - s.Baseline) * progress;
    }
}
