namespace LabelerWorkbench.Domain.Quality.Statistics;

public enum FlagDecision { None, Raise, Clear }

/// <summary>
/// One labeler's change detector for one error type. It sees every check's evidence in order and says when a flag
/// is raised or cleared; it also knows how many opportunities stand behind its current state.
/// </summary>
public abstract class FlagRuleState
{
    public bool Flagged { get; protected set; }
    /// <summary>Effective opportunities behind the raise (set when raised); clearing needs at least as many.</summary>
    public double OpportunitiesAtRaise { get; protected set; }
    /// <summary>Effective opportunities since the last flag change.</summary>
    public double OpportunitiesSinceChange { get; protected set; }
    /// <summary>The rule's own statistic (CUSUM value, or P(rate &gt; τ)), for people and logs.</summary>
    public abstract double Statistic { get; }

    public abstract FlagDecision Observe(RateEvidence evidence, double teamRate, MonitorPolicy policy);

    /// <summary>Sets the state a store says it has (a restart whose replay disagrees with the stored flags).</summary>
    public void Align(bool flagged, double opportunitiesAtRaise)
    {
        if (flagged == Flagged) return;
        Flagged = flagged;
        OpportunitiesAtRaise = flagged ? opportunitiesAtRaise : 0;
        OpportunitiesSinceChange = 0;
        Reset();
    }

    protected abstract void Reset();

    protected FlagDecision Change(FlagDecision decision, double opportunitiesAtRaise = 0)
    {
        Flagged = decision == FlagDecision.Raise;
        OpportunitiesAtRaise = Flagged ? opportunitiesAtRaise : 0;
        OpportunitiesSinceChange = 0;
        Reset();
        return decision;
    }

    public static FlagRuleState Create(FlagRuleKind kind) => kind switch
    {
        FlagRuleKind.Cusum => new CusumRule(),
        FlagRuleKind.Window => new WindowRule(),
        FlagRuleKind.Forgetting => new ForgettingRule(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>
/// Bernoulli CUSUM (Page's test) on the log-likelihood ratio of rate 2τ against τ/2, per opportunity, with the
/// checker's sensitivity s in the likelihood: an error found is ln(p₁/p₀); an opportunity without one is
/// ln((1 − s·p₁)/(1 − s·p₀)). Raising: S = max(0, S + LLR) ≥ FlagEvidence, with at least MinOpportunities seen.
/// Because S never goes below 0, a long clean history cannot hold back the next change: the delay is the same
/// for a veteran as for a newcomer. Clearing: the mirror statistic on the work since the flag reaches
/// ClearEvidence, on at least as many opportunities as the raise stood on.
/// </summary>
public sealed class CusumRule : FlagRuleState
{
    double up, down, run, seen;

    public override double Statistic => Flagged ? down : up;

    public static double LogLikelihoodRatio(RateEvidence e, MonitorPolicy policy)
    {
        var (p0, p1) = policy.CusumRates;
        var s = Math.Clamp(e.Sensitivity, 0, 1);
        var found = e.Errors * Math.Log(p1 / p0);
        var unseen = Math.Max(0, e.Opportunities - e.Errors) * Math.Log((1 - s * p1) / (1 - s * p0));
        return found + unseen;
    }

    public override FlagDecision Observe(RateEvidence evidence, double teamRate, MonitorPolicy policy)
    {
        var llr = LogLikelihoodRatio(evidence, policy);
        var effective = evidence.Effective;
        seen += effective;
        OpportunitiesSinceChange += effective;
        if (!Flagged)
        {
            if (up <= 0) run = 0;
            up = Math.Max(0, up + llr);
            run = up > 0 ? run + effective : 0;
            if (up >= policy.FlagEvidence && seen >= policy.MinOpportunities)
                return Change(FlagDecision.Raise, Math.Max(run, policy.MinOpportunities));
            return FlagDecision.None;
        }
        down = Math.Max(0, down - llr);
        if (down >= policy.ClearEvidence && OpportunitiesSinceChange >= Math.Max(OpportunitiesAtRaise, policy.MinOpportunities))
            return Change(FlagDecision.Clear);
        return FlagDecision.None;
    }

    protected override void Reset() => (up, down, run) = (0, 0, 0);
}

/// <summary>
/// The first rule, kept for comparison: a Beta posterior over everything since the last flag change; raise at
/// P(rate &gt; τ) ≥ FlagProbability; clear when the last RecoveryChecks checks give P ≤ ClearProbability. Its delay
/// grows with the clean history since the last change. It ignores the checker's sensitivity, as it did.
/// </summary>
public sealed class WindowRule : FlagRuleState
{
    int errors, opportunities;
    readonly Queue<(int Errors, int Opportunities)> recent = new();
    double statistic;

    public override double Statistic => statistic;

    public override FlagDecision Observe(RateEvidence evidence, double teamRate, MonitorPolicy policy)
    {
        errors += evidence.Errors;
        opportunities += evidence.Opportunities;
        OpportunitiesSinceChange += evidence.Opportunities;
        recent.Enqueue((evidence.Errors, evidence.Opportunities));
        while (recent.Count > policy.RecoveryChecks) recent.Dequeue();
        var (e, n) = Flagged ? (recent.Sum(r => r.Errors), recent.Sum(r => r.Opportunities)) : (errors, opportunities);
        if (n < policy.MinOpportunities) return FlagDecision.None;
        statistic = RatePosterior.Of(e, n, teamRate, policy).ProbabilityAbove(policy.RateThreshold);
        if (!Flagged && statistic >= policy.FlagProbability) return Change(FlagDecision.Raise, n);
        if (Flagged && statistic <= policy.ClearProbability) return Change(FlagDecision.Clear);
        return FlagDecision.None;
    }

    protected override void Reset()
    {
        (errors, opportunities) = (0, 0);
        recent.Clear();
    }
}

/// <summary>
/// An exponentially forgetting Beta posterior (each opportunity fades by 1 − 1/Memory): raise at P(rate &gt; τ) ≥
/// FlagProbability, clear at ≤ ClearProbability on as many opportunities as the raise. Kept for comparison: a
/// short memory is fast but noisy, a long one quiet but slow for veterans.
/// </summary>
public sealed class ForgettingRule : FlagRuleState
{
    readonly ForgettingTally tally = new();
    double statistic;

    public override double Statistic => statistic;

    public override FlagDecision Observe(RateEvidence evidence, double teamRate, MonitorPolicy policy)
    {
        tally.Add(evidence, policy.Memory);
        OpportunitiesSinceChange += evidence.Effective;
        if (tally.Opportunities < policy.MinOpportunities) return FlagDecision.None;
        statistic = RatePosterior.Of(tally.Errors, tally.Opportunities, teamRate, policy).ProbabilityAbove(policy.RateThreshold);
        if (!Flagged && statistic >= policy.FlagProbability) return Change(FlagDecision.Raise, tally.Opportunities);
        if (Flagged && statistic <= policy.ClearProbability && OpportunitiesSinceChange >= OpportunitiesAtRaise) return Change(FlagDecision.Clear);
        return FlagDecision.None;
    }

    protected override void Reset() { }
}

/// <summary>Errors and opportunities where each opportunity's weight fades by (1 − 1/memory) per later opportunity.</summary>
public sealed class ForgettingTally
{
    public double Errors { get; private set; }
    public double Opportunities { get; private set; }

    public void Add(RateEvidence e, double memory)
    {
        var keep = memory > 0 ? Math.Pow(1 - 1 / Math.Max(memory, 1.0001), e.Effective) : 1;
        Errors = Errors * keep + e.Errors;
        Opportunities = Opportunities * keep + e.Effective;
    }
}
