namespace LabelerWorkbench.Features.Quality.Monitor;

/// <summary>The monitor's decision rule, as a project sets it. Defaults are documented in the README.</summary>
public sealed record MonitorPolicy(
    double RateThreshold = 0.10,
    double FlagProbability = 0.95,
    double ClearProbability = 0.20,
    int MinOpportunities = 15,
    double PriorStrength = 5,
    int RecoveryChecks = 10)
{
    public static MonitorPolicy Default { get; } = new();
}

public enum FlagDecision { None, Raise, Clear }

/// <summary>The evidence behind a decision: the posterior of the labeler's rate for one error type.</summary>
public sealed record RateEstimate(ErrorCode Code, int Errors, int Opportunities, double Mean, double Low, double High, double ProbabilityAboveThreshold);

/// <summary>
/// When is a labeler's rate for one error type really above the threshold? The rate gets a Beta posterior whose
/// prior is the team's rate worth <see cref="MonitorPolicy.PriorStrength"/> opportunities, updated with the
/// labeler's errors and opportunities since their last flag change. Raise when P(rate &gt; threshold) ≥
/// FlagProbability with at least MinOpportunities seen; once raised, clear only when the labeler's last
/// RecoveryChecks checks give P(rate &gt; threshold) ≤ ClearProbability (hysteresis: a flag does not flicker, and
/// recovery is judged on recent work, not diluted by the errors that caused the flag).
/// </summary>
public static class FlagRule
{
    public static BetaDistribution Posterior(ErrorTally window, double teamRate, MonitorPolicy policy)
    {
        var prior = Math.Clamp(teamRate, 0.005, 0.5);
        return new BetaDistribution(
            prior * policy.PriorStrength + window.Errors,
            (1 - prior) * policy.PriorStrength + window.Opportunities - window.Errors);
    }

    public static RateEstimate Estimate(ErrorTally window, double teamRate, MonitorPolicy policy)
    {
        var posterior = Posterior(window, teamRate, policy);
        var (low, high) = posterior.CredibleInterval();
        return new RateEstimate(window.Code, window.Errors, window.Opportunities, posterior.Mean, low, high,
            posterior.ProbabilityAbove(policy.RateThreshold));
    }

    public static FlagDecision Decide(ErrorTally window, double teamRate, bool flagged, MonitorPolicy policy)
    {
        if (window.Opportunities < policy.MinOpportunities) return FlagDecision.None;
        var above = Posterior(window, teamRate, policy).ProbabilityAbove(policy.RateThreshold);
        if (!flagged && above >= policy.FlagProbability) return FlagDecision.Raise;
        if (flagged && above <= policy.ClearProbability) return FlagDecision.Clear;
        return FlagDecision.None;
    }
}
