using LabelerWorkbench.Features.Dashboard;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Monitor;

namespace LabelerWorkbench.Tests.Features.Dashboard;

public class QualityTrendTests
{
    static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheRate_RisesWithErrors_FallsWithCleanWork_AndMarksThePushAfterTheCheckThatCausedIt()
    {
        var checks = new[]
        {
            new CheckTally(T0, 3, 4), new CheckTally(T0.AddMinutes(10), 4, 4),
            new CheckTally(T0.AddMinutes(20), 0, 5), new CheckTally(T0.AddMinutes(30), 0, 5),
        };
        var trend = QualityTrend.Build(ErrorCode.MissedRegion, checks, [T0.AddMinutes(10).AddSeconds(1)], 0.03, MonitorPolicy.Default);
        Assert.Equal(5, trend.Count); // the prior, then one point per check
        Assert.Equal(0.03, trend[0].Mean, 6);
        Assert.True(trend[2].Mean > trend[1].Mean);
        Assert.True(trend[4].Mean < trend[3].Mean && trend[3].Mean < trend[2].Mean);
        Assert.Equal([false, false, true, false, false], trend.Select(t => t.TrainingPushedAfter));
        Assert.All(trend, t => Assert.InRange(t.Mean, t.Low, t.High));
        // Hand check of the first check: Beta(5 × 0.03 + 3, 5 × 0.97 + 1) = Beta(3.15, 5.85), mean 3.15 / 9.
        Assert.Equal(0.35, trend[1].Mean, 6);
    }

    [Fact]
    public void TasksPerHour_UsesTheSpanAtWork_AtLeastAnHour()
    {
        Assert.Equal(0, QualityTrend.PerHour([]));
        Assert.Equal(3, QualityTrend.PerHour([T0, T0.AddMinutes(5), T0.AddMinutes(9)]));
        Assert.Equal(2.5, QualityTrend.PerHour(Enumerable.Range(0, 10).Select(i => T0.AddMinutes(i * 240 / 9.0)).ToList()), 6);
    }
}
