using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>The estimate after a check, and whether a training module was pushed between it and the next one.</summary>
public sealed record TrendPoint(DateTime At, double Mean, double Low, double High, bool TrainingPushedAfter);

/// <summary>
/// A labeler's rate for one error type, check by check: the monitor's own recent-rate estimate after each check
/// (from a replay of the stored checks), so the line is what the monitor decided on. The first point is the prior
/// (the team's rate) before any check, so even one check draws a line.
/// </summary>
public static class QualityTrend
{
    public static IReadOnlyList<TrendPoint> Build(RateEstimate prior, IReadOnlyList<(DateTime At, RateEstimate Estimate)> afterEachCheck, IReadOnlyList<DateTime> pushes)
    {
        var points = new List<TrendPoint>(afterEachCheck.Count + 1);
        if (afterEachCheck.Count == 0) return points;
        points.Add(new TrendPoint(afterEachCheck[0].At, prior.Mean, prior.Low, prior.High, false));
        for (var i = 0; i < afterEachCheck.Count; i++)
        {
            var (at, estimate) = afterEachCheck[i];
            var next = i + 1 < afterEachCheck.Count ? afterEachCheck[i + 1].At : DateTime.MaxValue;
            var pushed = pushes.Any(p => p >= at && p < next);
            points.Add(new TrendPoint(at, estimate.Mean, estimate.Low, estimate.High, pushed));
        }
        return points;
    }

    /// <summary>Tasks per hour over the span the labeler was at work (at least an hour, so a burst does not read as a pace).</summary>
    public static double PerHour(IReadOnlyList<DateTime> times)
    {
        if (times.Count == 0) return 0;
        var span = times.Max() - times.Min();
        return times.Count / Math.Max(1, span.TotalHours);
    }
}
