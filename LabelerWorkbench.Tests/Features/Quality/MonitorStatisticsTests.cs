using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Tests.Features.Quality;

public class MonitorStatisticsTests
{
    static readonly MonitorPolicy Policy = MonitorPolicy.Default;

    static CheckEvidence Gold(string labeler, ErrorCode code, int errors, int opportunities) =>
        new(labeler, QualityCheckKind.Gold, null, [new ErrorTally(code, errors, opportunities)]);

    static CheckEvidence Review(string labeler, string reviewer, ErrorCode code, int errors, int opportunities) =>
        new(labeler, QualityCheckKind.Review, reviewer, [new ErrorTally(code, errors, opportunities)]);

    static CheckEvidence Audit(string reviewer, ErrorCode code, int missed, int present) =>
        new(reviewer, QualityCheckKind.ReviewerAudit, null, [new ErrorTally(code, missed, present)]);

    [Fact]
    public void BetaCdf_MatchesKnownValues()
    {
        Assert.Equal(0.5, new BetaDistribution(2, 2).Cdf(0.5), 10);
        Assert.Equal(0.25, new BetaDistribution(1, 1).Cdf(0.25), 10);
        // Beta(2, 5) at 0.3: the regularised incomplete beta, 0.579825.
        Assert.InRange(new BetaDistribution(2, 5).Cdf(0.3), 0.5798245, 0.5798255);
        Assert.Equal(0.9, new BetaDistribution(3, 7).Cdf(new BetaDistribution(3, 7).Quantile(0.9)), 6);
    }

    [Fact]
    public void ACleanReview_CountsOnlyAsFarAsTheReviewerCatchesThatErrorType()
    {
        // The posterior is Beta(5·p + e, 5·(1 − p) + n − e) with n the examined chances and p the team's rate, whose
        // mean is (5p + e) / (5 + n). A clean review of 10 chances by a reviewer with no audits (let-through 0.3,
        // sensitivity 0.7) examined 7 of them.
        static double Mean(double p, double errors, double examined) => (5 * p + errors) / (5 + examined);
        var unknown = new QualityTracker(Policy);
        unknown.Observe(Review("l", "r", ErrorCode.MissedRegion, 0, 10));
        var estimate = unknown.Estimate("l", ErrorCode.MissedRegion);
        Assert.Equal(7, estimate.Opportunities, 9);
        Assert.Equal(Mean(unknown.TeamRate(ErrorCode.MissedRegion), 0, 7), estimate.Mean, 9);

        // A reviewer whose gold audits show they let through 6 of 6 missed regions: let-through (6 + 0.3·4) / (6 + 4) = 0.72,
        // sensitivity 0.28: the same clean review examined 2.8 chances.
        var blind = new QualityTracker(Policy);
        blind.Observe(Audit("r", ErrorCode.MissedRegion, 6, 6));
        blind.Observe(Review("l", "r", ErrorCode.MissedRegion, 0, 10));
        Assert.Equal(0.28, blind.Sensitivity("r", ErrorCode.MissedRegion), 9);
        Assert.Equal(2.8, blind.Estimate("l", ErrorCode.MissedRegion).Opportunities, 9);
        Assert.Equal(Mean(blind.TeamRate(ErrorCode.MissedRegion), 0, 2.8), blind.Estimate("l", ErrorCode.MissedRegion).Mean, 9);

        // One who caught all 16 of 16: let-through 1.2 / 20 = 0.06, sensitivity 0.94: 9.4 chances.
        var sharp = new QualityTracker(Policy);
        sharp.Observe(Audit("r", ErrorCode.MissedRegion, 0, 16));
        sharp.Observe(Review("l", "r", ErrorCode.MissedRegion, 0, 10));
        Assert.Equal(9.4, sharp.Estimate("l", ErrorCode.MissedRegion).Opportunities, 9);

        // The sharper the reviewer, the more a clean review lowers the rate.
        Assert.True(sharp.Estimate("l", ErrorCode.MissedRegion).Mean < Mean(blind.TeamRate(ErrorCode.MissedRegion), 0, 2.8));

        // Errors a reviewer found count in full whatever their blind spots: 2 of 10 → 2 + 0.28 × 8 = 4.24 chances.
        var found = new QualityTracker(Policy);
        found.Observe(Audit("r", ErrorCode.MissedRegion, 6, 6));
        found.Observe(Review("l", "r", ErrorCode.MissedRegion, 2, 10));
        Assert.Equal(4.24, found.Estimate("l", ErrorCode.MissedRegion).Opportunities, 9);
        Assert.Equal(Mean(found.TeamRate(ErrorCode.MissedRegion), 2, 4.24), found.Estimate("l", ErrorCode.MissedRegion).Mean, 9);
    }

    [Fact]
    public void ABadProfile_IsFlagged_AndTooFewOpportunitiesDecideNothing()
    {
        var tracker = new QualityTracker(Policy);
        Assert.Empty(tracker.Observe(Gold("x", ErrorCode.ExtraRegion, 5, 5)));
        var flagged = false;
        for (var check = 0; check < 10 && !flagged; check++)
            flagged = tracker.Observe(Gold("bad", ErrorCode.LooseGeometry, 3, 8)).Any(c => c.Decision == FlagDecision.Raise);
        Assert.True(flagged);
        Assert.True(tracker.IsFlagged("bad", ErrorCode.LooseGeometry));
    }

    [Fact]
    public void AVeteran_IsFlaggedAsFastAsANewcomer_AfterTheSameChange()
    {
        int ChecksToFlag(int cleanHistory)
        {
            var tracker = new QualityTracker(Policy);
            var rng = new Random(3);
            for (var i = 0; i < cleanHistory; i++)
                tracker.Observe(Gold("v", ErrorCode.WrongLabel, Enumerable.Range(0, 8).Count(_ => rng.NextDouble() < 0.03), 8));
            Assert.False(tracker.IsFlagged("v", ErrorCode.WrongLabel));
            for (var i = 1; ; i++)
                if (tracker.Observe(Gold("v", ErrorCode.WrongLabel, 2, 8)).Any(c => c.Decision == FlagDecision.Raise)) return i;
        }
        var fresh = ChecksToFlag(0);
        Assert.InRange(ChecksToFlag(1000), 1, 2 * fresh);
        // The first rule, everything since the last flag change, is what made veterans slow.
        var old = new QualityTracker(Policy with { Rule = FlagRuleKind.Window });
        for (var i = 0; i < 300; i++) old.Observe(Gold("v", ErrorCode.WrongLabel, 0, 8));
        var slow = Enumerable.Range(1, 20).Any(_ => old.Observe(Gold("v", ErrorCode.WrongLabel, 2, 8)).Any(c => c.Decision == FlagDecision.Raise));
        Assert.False(slow, "the old rule needs far more than 20 checks after 300 clean ones");
    }

    [Fact]
    public void Noise_AtTheBaseline_IsNotFlagged()
    {
        var rng = new Random(7);
        var tracker = new QualityTracker(Policy);
        for (var labeler = 0; labeler < 40; labeler++)
            for (var check = 0; check < 200; check++)
                tracker.Observe(Gold($"clean-{labeler}", ErrorCode.WrongLabel, Enumerable.Range(0, 8).Count(_ => rng.NextDouble() < 0.03), 8));
        Assert.True(Enumerable.Range(0, 40).Count(l => tracker.IsFlagged($"clean-{l}")) <= 1);
    }

    [Fact]
    public void AFlag_ClearsOnlyOnAsMuchCleanWorkAsRaisedIt_AndNeverOnUnexaminedReviews()
    {
        var tracker = new QualityTracker(Policy);
        FlagChange? raised = null;
        while (raised is null) raised = tracker.Observe(Gold("x", ErrorCode.MissedRegion, 4, 8)).FirstOrDefault();
        Assert.Equal(FlagDecision.Raise, raised.Decision);

        // Still bad after the flag: it stays.
        for (var i = 0; i < 10; i++) tracker.Observe(Gold("x", ErrorCode.MissedRegion, 3, 8));
        Assert.True(tracker.IsFlagged("x", ErrorCode.MissedRegion));

        // Clean reviews by someone who has let through every missed region on gold count for nothing.
        tracker.Observe(Audit("blind", ErrorCode.MissedRegion, 200, 200));
        for (var i = 0; i < 50; i++) Assert.Empty(tracker.Observe(Review("x", "blind", ErrorCode.MissedRegion, 0, 8)));
        Assert.True(tracker.IsFlagged("x", ErrorCode.MissedRegion));

        // Clean gold work: it clears once, on at least as many chances as the raise stood on.
        var cleared = Enumerable.Range(0, 30).SelectMany(_ => tracker.Observe(Gold("x", ErrorCode.MissedRegion, 0, 8)))
            .Where(c => c.Decision == FlagDecision.Clear).ToList();
        var clear = Assert.Single(cleared);
        Assert.True(clear.Opportunities >= raised.Opportunities, $"{clear.Opportunities} ≥ {raised.Opportunities}");
        Assert.False(tracker.IsFlagged("x", ErrorCode.MissedRegion));
    }

    [Fact]
    public void OneCleanReview_DoesNotClearAFlag()
    {
        var tracker = new QualityTracker(Policy with { MinOpportunities = 3 });
        while (!tracker.IsFlagged("x", ErrorCode.MissedRegion)) tracker.Observe(Gold("x", ErrorCode.MissedRegion, 3, 4));
        Assert.Empty(tracker.Observe(Review("x", "r", ErrorCode.MissedRegion, 0, 3)));
        Assert.True(tracker.IsFlagged("x", ErrorCode.MissedRegion));
    }

    [Fact]
    public void Simulation_FindsEveryInjectedProfile_AfterALongCleanHistory_WithFewFalseFlags()
    {
        var report = LabelerSimulation.Run(new SimulationSettings(35, 60, Seed: 11, DriftAfter: 300));
        Assert.Equal(7, report.Injected.Count);
        Assert.Equal(7, report.Found);
        Assert.True(report.MedianChecksToFlag <= 8, $"median {report.MedianChecksToFlag}");
        Assert.True(report.FalseFlags <= 2, $"{report.FalseFlags} false flags of 28");
        Assert.Equal(0, report.EarlyFlags);
    }

    [Fact]
    public void Simulation_ARecoveredLabeler_IsCleared()
    {
        var report = LabelerSimulation.Run(new SimulationSettings(14, 80, Seed: 5, ImproveAfter: 5));
        Assert.All(report.Injected, l => Assert.NotNull(l.ChecksToClear));
    }
}
