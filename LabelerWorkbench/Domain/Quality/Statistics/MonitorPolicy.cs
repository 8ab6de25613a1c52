namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>Which change-detection rule the monitor runs. <see cref="Cusum"/> is the product's; the others are kept to compare.</summary>
public enum FlagRuleKind
{
    /// <summary>Bernoulli CUSUM per labeler and error type: the delay does not grow with the labeler's history.</summary>
    Cusum = 0,
    /// <summary>The first rule: a Beta posterior over everything since the last flag change (dilutes with history).</summary>
    Window = 1,
    /// <summary>An exponentially forgetting Beta posterior (memory of <see cref="MonitorPolicy.Memory"/> opportunities).</summary>
    Forgetting = 2,
}

/// <summary>The monitor's decision rule and the estimates people see, as a project sets them. Defaults are in the README.</summary>
/// <param name="RateThreshold">τ: a labeler's rate for an error type above this needs training.</param>
/// <param name="FlagEvidence">CUSUM: raise when the latest run of work is e^h times likelier at rate 2τ than at τ/2 (h, natural log).</param>
/// <param name="ClearEvidence">CUSUM: clear when the work since the flag is e^h times likelier at τ/2 than at 2τ.</param>
/// <param name="MinOpportunities">No flag on fewer opportunities than this; clearing needs at least as many as raising did.</param>
/// <param name="PriorStrength">How many opportunities the team's rate is worth in a labeler's estimate.</param>
/// <param name="Memory">Opportunities the shown ("recent") rate remembers; older work fades exponentially.</param>
/// <param name="FlagProbability">Posterior rules only: raise at P(rate &gt; τ) ≥ this.</param>
/// <param name="ClearProbability">Posterior rules only: clear at P(rate &gt; τ) ≤ this.</param>
/// <param name="RecoveryChecks">Window rule only: checks a recovery is judged on.</param>
public sealed record MonitorPolicy(
    double RateThreshold = 0.10,
    double FlagEvidence = 7,
    double ClearEvidence = 4,
    int MinOpportunities = 15,
    double PriorStrength = 5,
    double Memory = 150,
    FlagRuleKind Rule = FlagRuleKind.Cusum,
    double FlagProbability = 0.95,
    double ClearProbability = 0.20,
    int RecoveryChecks = 10)
{
    public static MonitorPolicy Default { get; } = new();

    /// <summary>The acceptable and unacceptable rates the CUSUM weighs against each other: τ/2 and 2τ.</summary>
    public (double Acceptable, double Unacceptable) CusumRates =>
        (Math.Clamp(RateThreshold / 2, 1e-4, 0.45), Math.Clamp(RateThreshold * 2, 2e-4, 0.95));
}
