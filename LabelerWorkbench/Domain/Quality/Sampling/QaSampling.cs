namespace LabelerWorkbench.Domain.Quality.Sampling;

/// <summary>How much of a labeler's work reviewers see. Project settings; defaults in the README.</summary>
public sealed record SamplingPolicy(
    double BaseRate = 0.10,
    int NewLabelerTasks = 10,
    double FlaggedRate = 0.50,
    int CleanStreak = 30,
    double CleanRate = 0.05)
{
    public static SamplingPolicy Default { get; } = new();
}

/// <summary>What the policy needs to know about the labeler who submitted.</summary>
/// <param name="SubmittedBefore">Tasks the labeler submitted before this one.</param>
/// <param name="CleanChecksInARow">Their most recent checks (gold or review) without any error, counted back from the latest.</param>
public sealed record LabelerRecord(int SubmittedBefore, bool Flagged, int CleanChecksInARow);

/// <summary>
/// Picks submissions for review: every task of a new labeler, more of a flagged one, fewer of one with a long
/// clean record, the base rate otherwise. The probability is kept with the task so that estimates can weight
/// each reviewed task by how likely it was to be picked.
/// </summary>
public static class QaSampling
{
    public static double Probability(SamplingPolicy policy, LabelerRecord labeler)
    {
        if (labeler.SubmittedBefore < policy.NewLabelerTasks) return 1;
        if (labeler.Flagged) return Math.Max(policy.FlaggedRate, policy.BaseRate);
        if (labeler.CleanChecksInARow >= policy.CleanStreak) return Math.Min(policy.CleanRate, policy.BaseRate);
        return policy.BaseRate;
    }

    /// <param name="draw">A uniform number in [0, 1).</param>
    public static bool ShouldReview(double probability, double draw) => draw < probability;
}
