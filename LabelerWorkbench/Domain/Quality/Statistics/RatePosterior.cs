namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>
/// A labeler's rate for one error type as people see it: the posterior mean, its 95 % interval, P(rate &gt; τ), and
/// the evidence behind it (errors out of effectively examined opportunities, after forgetting and sensitivity).
/// </summary>
public sealed record RateEstimate(ErrorCode Code, double Errors, double Opportunities, double Mean, double Low, double High, double ProbabilityAboveThreshold)
{
    public static RateEstimate None(ErrorCode code) => new(code, 0, 0, 0, 0, 0, 0);
    public bool HasEvidence => Opportunities > 0;
}

/// <summary>The Beta posterior every view uses: prior Beta(k·p_team, k·(1 − p_team)) updated with the evidence.</summary>
public static class RatePosterior
{
    public static BetaDistribution Of(double errors, double opportunities, double teamRate, MonitorPolicy policy)
    {
        var prior = Math.Clamp(teamRate, 0.005, 0.5);
        return new BetaDistribution(
            prior * policy.PriorStrength + errors,
            (1 - prior) * policy.PriorStrength + Math.Max(0, opportunities - errors));
    }

    public static RateEstimate Estimate(ErrorCode code, double errors, double opportunities, double teamRate, MonitorPolicy policy)
    {
        var posterior = Of(errors, opportunities, teamRate, policy);
        var (low, high) = posterior.CredibleInterval();
        return new RateEstimate(code, errors, opportunities, posterior.Mean, low, high, posterior.ProbabilityAbove(policy.RateThreshold));
    }
}
