
namespace LabelerWorkbench.Domain.Quality;

/// <summary>
/// One fix a reviewer made (or one problem they point at), tagged with an error type. <see cref="RegionId"/> is
/// the labeler's region it concerns, or the reviewer's added region for a missed one.
/// </summary>
public sealed record ReviewFix(Guid? RegionId, ErrorCode Code, string Note = "");

/// <summary>What a reviewer sent back with a rejected task, shown to the labeler on the annotate page.</summary>
public sealed record ReviewFeedback(string ReviewerName, string Comment, IReadOnlyList<ReviewFix> Fixes, DateTime At);

/// <summary>
/// Derives the fixes from the difference between the labeler's submission and the reviewer's corrected regions,
/// with the error type the scorer would give each; the reviewer confirms or changes the codes.
/// </summary>
public static class ReviewFixes
{
    public static IReadOnlyList<ReviewFix> Derive(IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> corrected, ScoringThresholds thresholds)
    {
        var score = SubmissionScorer.Score(submitted, corrected, thresholds);
        return score.Regions.SelectMany(c => c.Errors.Order().Select(code => new ReviewFix(c.SubmittedId ?? c.AnswerId, code))).ToList();
    }

    /// <summary>
    /// The review's tallies: the opportunities are the scorer's (labeler's work against the corrected version); the
    /// errors are the reviewer's tags. A tag without a matching opportunity (a problem the geometry does not show)
    /// counts as its own opportunity, so an error never outnumbers its chances.
    /// </summary>
    public static IReadOnlyList<ErrorTally> Tallies(IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> corrected,
        IReadOnlyList<ReviewFix> fixes, ScoringThresholds thresholds)
    {
        var score = SubmissionScorer.Score(submitted, corrected, thresholds);
        return ErrorCodes.All.Select(code =>
        {
            var errors = fixes.Count(f => f.Code == code);
            var opportunities = score.Regions.Count(r => r.Opportunities.Contains(code));
            return new ErrorTally(code, errors, Math.Max(errors, opportunities));
        }).ToList();
    }

    /// <summary>
    /// A reviewer audited on a gold copy: per error type, the errors the gold scoring found in the labeler's work
    /// (present) and how many of them the reviewer's tags did not account for (let through).
    /// </summary>
    public static IReadOnlyList<ErrorTally> Audit(IReadOnlyList<ErrorTally> goldTallies, IReadOnlyList<ReviewFix> fixes) =>
        goldTallies.Where(t => t.Errors > 0)
            .Select(t => new ErrorTally(t.Code, Math.Max(0, t.Errors - fixes.Count(f => f.Code == t.Code)), t.Errors))
            .ToList();
}
