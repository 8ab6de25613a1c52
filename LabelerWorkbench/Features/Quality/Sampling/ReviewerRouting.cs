namespace LabelerWorkbench.Features.Quality.Sampling;

/// <summary>A reviewer's blind spots: per error type, the share of errors their reviews let through (measured on gold).</summary>
public sealed record ReviewerProfile(string ReviewerId, IReadOnlyDictionary<ErrorCode, double> LetThrough, int QueueLength = 0)
{
    /// <summary>With no evidence a reviewer is assumed to let through this share of any error type.</summary>
    public const double UnknownLetThrough = 0.3;

    public double LetThroughOf(ErrorCode code) => LetThrough.TryGetValue(code, out var p) ? p : UnknownLetThrough;
}

/// <summary>
/// Routes a sampled submission to the reviewer who minimises the expected residual error: the sum over error
/// types of the labeler's rate times the reviewer's let-through rate. Blind spots that do not overlap the
/// labeler's errors are what make a review worth doing. Ties go to the shorter queue.
/// </summary>
public static class ReviewerRouting
{
    public static double ExpectedResidual(IReadOnlyDictionary<ErrorCode, double> labelerRates, ReviewerProfile reviewer) =>
        labelerRates.Sum(kv => kv.Value * reviewer.LetThroughOf(kv.Key));

    public static ReviewerProfile? Pick(IReadOnlyDictionary<ErrorCode, double> labelerRates, IEnumerable<ReviewerProfile> available) =>
        available
            .Select(r => (Reviewer: r, Residual: ExpectedResidual(labelerRates, r)))
            .OrderBy(x => Math.Round(x.Residual, 9))
            .ThenBy(x => x.Reviewer.QueueLength)
            .ThenBy(x => x.Reviewer.ReviewerId, StringComparer.Ordinal)
            .Select(x => x.Reviewer)
            .FirstOrDefault();

    /// <summary>Let-through rate from gold audits, smoothed toward <see cref="ReviewerProfile.UnknownLetThrough"/> by a few pseudo-errors.</summary>
    public static double LetThroughRate(int missed, int present, double priorWeight = 4) =>
        (missed + ReviewerProfile.UnknownLetThrough * priorWeight) / (present + priorWeight);
}
