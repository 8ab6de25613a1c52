using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Dashboard;
using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Tests.Features.Dashboard;

public class QualityTrendTests
{
    static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheRate_RisesWithErrors_FallsWithCleanWork_AndMarksThePushAfterTheCheckThatCausedIt()
    {
        var tracker = new QualityTracker(MonitorPolicy.Default);
        var prior = RatePosterior.Estimate(ErrorCode.MissedRegion, 0, 0, tracker.TeamRate(ErrorCode.MissedRegion), MonitorPolicy.Default);
        var samples = new List<(DateTime, RateEstimate)>();
        foreach (var (minutes, errors, chances) in new[] { (0, 3, 4), (10, 4, 4), (20, 0, 5), (30, 0, 5) })
        {
            tracker.Observe(new CheckEvidence("l", QualityCheckKind.Gold, null, [new ErrorTally(ErrorCode.MissedRegion, errors, chances)]));
            samples.Add((T0.AddMinutes(minutes), tracker.Estimate("l", ErrorCode.MissedRegion)));
        }
        var trend = QualityTrend.Build(prior, samples, [T0.AddMinutes(10).AddSeconds(1)]);
        Assert.Equal(5, trend.Count); // the prior, then one point per check
        Assert.Equal(TeamPrior.Fallback, trend[0].Mean, 6);
        Assert.True(trend[2].Mean > trend[1].Mean);
        Assert.True(trend[4].Mean < trend[3].Mean && trend[3].Mean < trend[2].Mean);
        Assert.Equal([false, false, true, false, false], trend.Select(t => t.TrainingPushedAfter));
        Assert.All(trend, t => Assert.InRange(t.Mean, t.Low, t.High));
    }

    [Fact]
    public void TasksPerHour_UsesTheSpanAtWork_AtLeastAnHour()
    {
        Assert.Equal(0, QualityTrend.PerHour([]));
        Assert.Equal(3, QualityTrend.PerHour([T0, T0.AddMinutes(5), T0.AddMinutes(9)]));
        Assert.Equal(2.5, QualityTrend.PerHour(Enumerable.Range(0, 10).Select(i => T0.AddMinutes(i * 240 / 9.0)).ToList()), 6);
    }
}
