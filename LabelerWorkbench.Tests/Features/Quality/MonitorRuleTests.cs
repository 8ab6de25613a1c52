using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Monitor;
using LabelerWorkbench.Features.Quality.Simulation;

namespace LabelerWorkbench.Tests.Features.Quality;

public class MonitorRuleTests
{
    static readonly MonitorPolicy Policy = MonitorPolicy.Default;

    [Fact]
    public void BetaCdf_MatchesKnownValues()
    {
        Assert.Equal(0.5, new BetaDistribution(2, 2).Cdf(0.5), 10);
        Assert.Equal(0.25, new BetaDistribution(1, 1).Cdf(0.25), 10);
        // Beta(2, 5) at 0.3: 1 - (0.7^6 + 6·0.3·0.7^5)… the regularised incomplete beta, 0.579825.
        Assert.InRange(new BetaDistribution(2, 5).Cdf(0.3), 0.5798245, 0.5798255);
        Assert.Equal(0.9, new BetaDistribution(3, 7).Cdf(new BetaDistribution(3, 7).Quantile(0.9)), 6);
    }

    [Fact]
    public void ABadProfile_IsFlagged()
    {
        var tracker = new QualityTracker(Policy);
        var flagged = false;
        for (var check = 0; check < 10 && !flagged; check++)
            flagged = tracker.Observe("bad", [new ErrorTally(ErrorCode.LooseGeometry, 3, 8)]).Any(c => c.Decision == FlagDecision.Raise);
        Assert.True(flagged);
        Assert.True(tracker.IsFlagged("bad", ErrorCode.LooseGeometry));
    }

    [Fact]
    public void Noise_AtTheBaseline_IsNotFlagged()
    {
        var rng = new Random(7);
        var tracker = new QualityTracker(Policy);
        for (var labeler = 0; labeler < 40; labeler++)
        {
            for (var check = 0; check < 40; check++)
            {
                var errors = Enumerable.Range(0, 8).Count(_ => rng.NextDouble() < 0.03);
                tracker.Observe($"clean-{labeler}", [new ErrorTally(ErrorCode.WrongLabel, errors, 8)]);
            }
        }
        Assert.DoesNotContain(Enumerable.Range(0, 40), l => tracker.IsFlagged($"clean-{l}"));
    }

    [Fact]
    public void AFlag_ClearsOnlyOnRecovery()
    {
        var tracker = new QualityTracker(Policy);
        while (!tracker.IsFlagged("x", ErrorCode.MissedRegion)) tracker.Observe("x", [new ErrorTally(ErrorCode.MissedRegion, 4, 8)]);
        // Still bad after the flag: it stays.
        for (var i = 0; i < 10; i++) tracker.Observe("x", [new ErrorTally(ErrorCode.MissedRegion, 3, 8)]);
        Assert.True(tracker.IsFlagged("x", ErrorCode.MissedRegion));
        // Clean work: it clears, and says so once.
        var cleared = Enumerable.Range(0, 20).SelectMany(_ => tracker.Observe("x", [new ErrorTally(ErrorCode.MissedRegion, 0, 8)]))
            .Where(c => c.Decision == FlagDecision.Clear).ToList();
        Assert.Single(cleared);
        Assert.False(tracker.IsFlagged("x", ErrorCode.MissedRegion));
    }

    [Fact]
    public void TooFewOpportunities_DecideNothing()
    {
        var tracker = new QualityTracker(Policy);
        Assert.Empty(tracker.Observe("x", [new ErrorTally(ErrorCode.ExtraRegion, 5, 5)]));
    }

    [Fact]
    public void Simulation_FindsInjectedProfiles_WithFewFalseFlags()
    {
        var report = LabelerSimulation.Run(new SimulationSettings(50, 30, Seed: 11));
        Assert.Equal(10, report.Injected.Count);
        Assert.True(report.Found >= 9, $"found {report.Found} of 10");
        Assert.True(report.MedianChecksToFlag <= 10, $"median {report.MedianChecksToFlag}");
        Assert.True(report.FalseFlags <= 2, $"{report.FalseFlags} false flags of 40");
    }
}
