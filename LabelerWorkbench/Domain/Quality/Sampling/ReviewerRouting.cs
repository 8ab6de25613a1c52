namespace LabelerWorkbench.Domain.Quality.Sampling;

/// <summary>A reviewer's blind spots: per error type, the share of errors their reviews let through (measured on gold).</summary>
public sealed record ReviewerProfile(string ReviewerId, IReadOnlyDictionary<ErrorCode, double> LetThrough, int QueueLength = 0)
{
    public double LetThroughOf(ErrorCode code) => LetThrough.TryGetValue(code, out var p) ? p : Statistics.LetThrough.Unknown;
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
}
