namespace LabelerWorkbench.Domain.Quality.Gold;

/// <summary>How each labeler's gold rate follows the evidence, within the project's bounds. Defaults in the README.</summary>
/// <param name="Base">The project's gold rate for a labeler with nothing special about them.</param>
/// <param name="NewcomerGoldChecks">Gold checks before a labeler is no longer new.</param>
/// <param name="CleanStreak">Checks without an error in a row that earn less gold.</param>
public sealed record GoldRatePolicy(double Base = 0.05, double Min = 0.02, double Max = 0.30, int NewcomerGoldChecks = 10, int CleanStreak = 30)
{
    public static GoldRatePolicy Default { get; } = new();
}

/// <summary>
/// What a labeler's ordinary submissions say, compared with the team's: the leading indicators of careless work,
/// available on every task, not only on the few that are gold or reviewed.
/// </summary>
/// <param name="Suggestions">Model suggestions the labeler decided on (kept, edited or deleted).</param>
/// <param name="KeptShare">Share of those kept unchanged.</param>
/// <param name="LowConfidenceKeptShare">Share of the low-confidence ones kept unchanged.</param>
/// <param name="SecondsPerRegion">Working time per submitted region (lease to submit).</param>
public sealed record BehaviourSignals(int Submissions, int Suggestions, double KeptShare, int LowConfidenceSuggestions, double LowConfidenceKeptShare, double SecondsPerRegion)
{
    public static BehaviourSignals None { get; } = new(0, 0, 0, 0, 0, 0);
}

public sealed record LabelerEvidence(int GoldChecks, bool Flagged, int CleanChecksInARow, BehaviourSignals Mine, BehaviourSignals Team);

/// <summary>A labeler's gold rate and the reasons for it, for the lease and the dashboard.</summary>
public sealed record GoldRateDecision(double Rate, IReadOnlyList<string> Reasons);

/// <summary>
/// Each labeler's share of gold: three times the base for a newcomer or an open flag, twice for risky behaviour
/// (keeping model suggestions unchanged far more than the team, above all low-confidence ones, or working far
/// faster per region than the team), half after a long clean streak with none of these; always within [Min, Max] widened to include the base.
/// </summary>
public static class AdaptiveGoldRate
{
    /// <summary>Evidence needed before behaviour counts: suggestions decided, low-confidence ones, submissions.</summary>
    const int MinSuggestions = 20, MinLowConfidence = 5, MinSubmissions = 5;

    public static GoldRateDecision Decide(GoldRatePolicy policy, LabelerEvidence e)
    {
        var reasons = new List<string>();
        var factor = 1.0;
        if (e.GoldChecks < policy.NewcomerGoldChecks) { factor = Math.Max(factor, 3); reasons.Add($"new: {e.GoldChecks} of {policy.NewcomerGoldChecks} gold checks"); }
        if (e.Flagged) { factor = Math.Max(factor, 3); reasons.Add("open flag"); }
        foreach (var risk in Risks(e.Mine, e.Team)) { factor = Math.Max(factor, 2); reasons.Add(risk); }
        if (reasons.Count == 0 && e.CleanChecksInARow >= policy.CleanStreak) { factor = 0.5; reasons.Add($"{e.CleanChecksInARow} clean checks in a row"); }
        // The bounds shape the adaptation; they never override the lead's base rate (0 turns gold off, 1 makes every lease gold).
        if (policy.Base <= 0 || policy.Base >= 1) return new GoldRateDecision(Math.Clamp(policy.Base, 0, 1), ["the project's fixed rate"]);
        var (low, high) = (Math.Min(policy.Min, policy.Base), Math.Max(policy.Max, policy.Base));
        return new GoldRateDecision(Math.Clamp(policy.Base * factor, low, high), reasons);
    }

    /// <summary>Behaviour far from the team's, as sentences for people; empty when there is too little to judge.</summary>
    public static IReadOnlyList<string> Risks(BehaviourSignals mine, BehaviourSignals team)
    {
        var risks = new List<string>();
        if (mine.Suggestions >= MinSuggestions && mine.KeptShare > Math.Min(0.98, team.KeptShare + 0.15))
            risks.Add(mine.KeptShare > team.KeptShare + 0.15
                ? $"keeps {mine.KeptShare:P0} of suggestions unchanged (team {team.KeptShare:P0})"
                // Above 98 % is checked more even when the whole team does it: a team that takes everything is no baseline.
                : $"keeps {mine.KeptShare:P0} of suggestions unchanged (team {team.KeptShare:P0}; above 98 % is always checked more)");
        if (mine.LowConfidenceSuggestions >= MinLowConfidence && mine.LowConfidenceKeptShare > Math.Min(0.95, team.LowConfidenceKeptShare * 1.5 + 0.1))
            risks.Add($"keeps {mine.LowConfidenceKeptShare:P0} of low-confidence suggestions unchanged (team {team.LowConfidenceKeptShare:P0})");
        if (mine.Submissions >= MinSubmissions && team.SecondsPerRegion > 0 && mine.SecondsPerRegion > 0 && mine.SecondsPerRegion < team.SecondsPerRegion / 2)
            risks.Add($"{mine.SecondsPerRegion:0.#} s per region (team {team.SecondsPerRegion:0.#} s)");
        return risks;
    }
}
