namespace LabelerWorkbench.Features.Quality.Monitor;

/// <summary>A flag raised or cleared for one labeler and error type, with the window's rate that decided it.</summary>
public sealed record FlagChange(string LabelerId, ErrorCode Code, FlagDecision Decision, ErrorTally Window, RateEstimate Estimate, int ChecksInWindow);

/// <summary>
/// The monitor's state for one project, in memory and free of storage: per labeler and error type the tally
/// since the last flag change (the window) and whether a flag is open; per error type the team's tally (the prior).
/// The hosted service feeds it checks as they happen and restores it from stored events at start.
/// </summary>
public sealed class QualityTracker(MonitorPolicy policy)
{
    sealed class Window
    {
        public ErrorTally Tally;
        public bool Flagged;
        public int Checks;
        /// <summary>The latest checks' tallies, for judging recovery.</summary>
        public readonly Queue<ErrorTally> Recent = new();

        public ErrorTally RecentTally(ErrorCode code) =>
            Recent.Aggregate(new ErrorTally(code, 0, 0), (sum, t) => sum.Add(t.Errors, t.Opportunities));
    }

    readonly Dictionary<(string, ErrorCode), Window> windows = [];
    readonly Dictionary<ErrorCode, ErrorTally> team = ErrorCodes.All.ToDictionary(c => c, c => new ErrorTally(c, 0, 0));

    public MonitorPolicy Policy { get; set; } = policy;

    public double TeamRate(ErrorCode code) => team[code] is { Opportunities: > 0 } t ? t.Rate : 0.03;

    /// <summary>Sets a window as stored (a restart): its tally since the last flag change and whether it is flagged.</summary>
    public void Restore(string labeler, ErrorTally window, bool flagged, int checks, IEnumerable<ErrorTally> recent)
    {
        var w = Get(labeler, window.Code);
        w.Tally = window;
        w.Flagged = flagged;
        w.Checks = checks;
        w.Recent.Clear();
        foreach (var t in recent.TakeLast(Policy.RecoveryChecks)) w.Recent.Enqueue(t);
    }

    /// <summary>Adds to the team's tally only (events from before a labeler's current window still count for the team).</summary>
    public void AddToTeam(ErrorTally tally) => team[tally.Code] = team[tally.Code].Add(tally.Errors, tally.Opportunities);

    /// <summary>Takes one check of a labeler's work and returns the flags it raised or cleared.</summary>
    public IReadOnlyList<FlagChange> Observe(string labeler, IEnumerable<ErrorTally> tallies)
    {
        var changes = new List<FlagChange>();
        foreach (var t in tallies.Where(t => t.Opportunities > 0))
        {
            AddToTeam(t);
            var w = Get(labeler, t.Code);
            w.Tally = w.Tally.Add(t.Errors, t.Opportunities);
            w.Checks++;
            w.Recent.Enqueue(t);
            while (w.Recent.Count > Policy.RecoveryChecks) w.Recent.Dequeue();
            // Raising weighs everything since the last change; clearing weighs the latest checks only.
            var evidence = w.Flagged ? w.RecentTally(t.Code) : w.Tally;
            var decision = FlagRule.Decide(evidence, TeamRate(t.Code), w.Flagged, Policy);
            if (decision == FlagDecision.None) continue;
            changes.Add(new FlagChange(labeler, t.Code, decision, evidence, FlagRule.Estimate(evidence, TeamRate(t.Code), Policy), w.Checks));
            // A flag change starts a new window: recovery is judged on work done after the flag, not diluted by it.
            w.Flagged = decision == FlagDecision.Raise;
            w.Tally = new ErrorTally(t.Code, 0, 0);
            w.Checks = 0;
            w.Recent.Clear();
        }
        return changes;
    }

    public bool IsFlagged(string labeler, ErrorCode code) => windows.TryGetValue((labeler, code), out var w) && w.Flagged;

    public bool IsFlagged(string labeler) => windows.Any(kv => kv.Key.Item1 == labeler && kv.Value.Flagged);

    public RateEstimate Estimate(string labeler, ErrorCode code) =>
        FlagRule.Estimate(windows.TryGetValue((labeler, code), out var w) ? w.Tally : new ErrorTally(code, 0, 0), TeamRate(code), Policy);

    Window Get(string labeler, ErrorCode code)
    {
        if (!windows.TryGetValue((labeler, code), out var w))
            windows[(labeler, code)] = w = new Window { Tally = new ErrorTally(code, 0, 0) };
        return w;
    }
}
