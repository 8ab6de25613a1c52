
namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>A stored check as the statistics read it: whose work, which kind, who checked, and the tallies.</summary>
public sealed record CheckEvidence(string SubjectId, QualityCheckKind Kind, string? CheckedBy, IReadOnlyList<ErrorTally> Tallies);

/// <summary>A flag raised or cleared, with the evidence that decided it.</summary>
/// <param name="Recent">The labeler's recent rate (the estimate people see) at the decision.</param>
/// <param name="Opportunities">Effective opportunities behind the decision: the run that raised it, or the work since the flag that cleared it.</param>
/// <param name="Statistic">The rule's statistic at the decision (the CUSUM value).</param>
public sealed record FlagChange(string LabelerId, ErrorCode Code, FlagDecision Decision, RateEstimate Recent, double Opportunities, double Statistic);

/// <summary>
/// The quality statistics of one project, in memory and free of storage: for every labeler and error type a change
/// detector (the flag) and a recent-rate estimate; per error type the team's rate (the prior); per reviewer their
/// let-through rates (how much a clean review of theirs counts). The monitor feeds it checks as they happen; every
/// view (Quality tab, dashboard, the labeler's own panel) replays the stored checks through the same class, so they
/// all show the same numbers.
/// </summary>
public sealed class QualityTracker(MonitorPolicy policy)
{
    sealed class Cell(FlagRuleKind rule)
    {
        public readonly FlagRuleState Rule = FlagRuleState.Create(rule);
        public readonly ForgettingTally Recent = new();
        public int Checks;
    }

    readonly Dictionary<(string, ErrorCode), Cell> cells = [];
    readonly Dictionary<ErrorCode, (double Errors, double Opportunities)> team = ErrorCodes.All.ToDictionary(c => c, _ => (0.0, 0.0));
    readonly Dictionary<(string, ErrorCode), (int Missed, int Present)> audits = [];

    public MonitorPolicy Policy { get; set; } = policy;

    public double TeamRate(ErrorCode code) => TeamPrior.Rate(team[code].Errors, team[code].Opportunities);

    /// <summary>How likely <paramref name="reviewer"/> is to catch an error of this type (1 for gold scoring).</summary>
    public double Sensitivity(string? reviewer, ErrorCode code)
    {
        if (reviewer is null) return 1;
        var (missed, present) = audits.GetValueOrDefault((reviewer, code));
        return 1 - LetThrough.Rate(missed, present);
    }

    /// <summary>Takes one check and returns the flags it raised or cleared.</summary>
    public IReadOnlyList<FlagChange> Observe(CheckEvidence check)
    {
        switch (check.Kind)
        {
            case QualityCheckKind.ReviewerAudit:
                foreach (var t in check.Tallies)
                {
                    var (missed, present) = audits.GetValueOrDefault((check.SubjectId, t.Code));
                    audits[(check.SubjectId, t.Code)] = (missed + t.Errors, present + t.Opportunities);
                }
                return [];
            case QualityCheckKind.Gold:
                return ObserveWork(check.SubjectId, check.Tallies, reviewer: null);
            case QualityCheckKind.Review:
                return ObserveWork(check.SubjectId, check.Tallies, check.CheckedBy ?? "");
            default:
                return [];
        }
    }

    IReadOnlyList<FlagChange> ObserveWork(string labeler, IReadOnlyList<ErrorTally> tallies, string? reviewer)
    {
        var changes = new List<FlagChange>();
        foreach (var t in tallies.Where(t => t.Opportunities > 0))
        {
            var evidence = new RateEvidence(t.Code, t.Errors, t.Opportunities, Sensitivity(reviewer, t.Code));
            var (teamErrors, teamOpportunities) = team[t.Code];
            team[t.Code] = (teamErrors + evidence.Errors, teamOpportunities + evidence.Effective);
            var cell = Get(labeler, t.Code);
            cell.Checks++;
            cell.Recent.Add(evidence, Policy.Memory);
            var behind = cell.Rule.OpportunitiesSinceChange + evidence.Effective;
            var decision = cell.Rule.Observe(evidence, TeamRate(t.Code), Policy);
            if (decision == FlagDecision.None) continue;
            changes.Add(new FlagChange(labeler, t.Code, decision, Estimate(labeler, t.Code),
                decision == FlagDecision.Raise ? cell.Rule.OpportunitiesAtRaise : behind, cell.Rule.Statistic));
        }
        return changes;
    }

    public bool IsFlagged(string labeler, ErrorCode code) => cells.TryGetValue((labeler, code), out var c) && c.Rule.Flagged;

    public bool IsFlagged(string labeler) => cells.Any(kv => kv.Key.Item1 == labeler && kv.Value.Rule.Flagged);

    /// <summary>The labeler's recent rate: the team prior updated with their sensitivity-weighted, slowly forgotten work.</summary>
    public RateEstimate Estimate(string labeler, ErrorCode code)
    {
        if (!cells.TryGetValue((labeler, code), out var c)) return RateEstimate.None(code);
        return RatePosterior.Estimate(code, c.Recent.Errors, c.Recent.Opportunities, TeamRate(code), Policy);
    }

    /// <summary>Checks of the labeler that gave this error type a chance.</summary>
    public int Checks(string labeler, ErrorCode code) => cells.TryGetValue((labeler, code), out var c) ? c.Checks : 0;

    public IEnumerable<string> Labelers => cells.Keys.Select(k => k.Item1).Distinct();

    /// <summary>Makes a labeler's flag state what the store says (after a replay under a policy that has since changed).</summary>
    public void Align(string labeler, ErrorCode code, bool flagged, double opportunitiesAtRaise) =>
        Get(labeler, code).Rule.Align(flagged, opportunitiesAtRaise);

    Cell Get(string labeler, ErrorCode code)
    {
        if (!cells.TryGetValue((labeler, code), out var c)) cells[(labeler, code)] = c = new Cell(Policy.Rule);
        return c;
    }
}
