using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Monitor;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>One checked piece of work for one error type, in time order.</summary>
public sealed record CheckTally(DateTime At, int Errors, int Opportunities);

/// <summary>The estimate after a check, and whether a training module was pushed between it and the next one.</summary>
public sealed record TrendPoint(DateTime At, double Mean, double Low, double High, bool TrainingPushedAfter);

/// <summary>
/// A labeler's rate for one error type, check by check: the same Beta posterior as the monitor's, over all
/// checks so far (the monitor restarts its window at each flag change; the dashboard shows the whole history).
/// The first point is the prior (the team's rate) before any check, so even one check draws a line.
/// </summary>
public static class QualityTrend
{
    public static IReadOnlyList<TrendPoint> Build(ErrorCode code, IReadOnlyList<CheckTally> checks, IReadOnlyList<DateTime> pushes, double teamRate, MonitorPolicy policy)
    {
        var points = new List<TrendPoint>(checks.Count + 1);
        if (checks.Count == 0) return points;
        var prior = FlagRule.Estimate(new ErrorTally(code, 0, 0), teamRate, policy);
        points.Add(new TrendPoint(checks[0].At, prior.Mean, prior.Low, prior.High, false));
        int errors = 0, opportunities = 0;
        for (var i = 0; i < checks.Count; i++)
        {
            errors += checks[i].Errors;
            opportunities += checks[i].Opportunities;
            var estimate = FlagRule.Estimate(new ErrorTally(code, errors, opportunities), teamRate, policy);
            var next = i + 1 < checks.Count ? checks[i + 1].At : DateTime.MaxValue;
            var pushed = pushes.Any(p => p >= checks[i].At && p < next);
            points.Add(new TrendPoint(checks[i].At, estimate.Mean, estimate.Low, estimate.High, pushed));
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
