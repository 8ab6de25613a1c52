using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Sampling;

namespace LabelerWorkbench.Tests.Features.Quality;

public class SamplingAndRoutingTests
{
    static readonly SamplingPolicy Policy = SamplingPolicy.Default;

    [Fact]
    public void Sampling_ReviewsNewLabelersFully_FlaggedMore_CleanLess()
    {
        Assert.Equal(1.0, QaSampling.Probability(Policy, new LabelerRecord(0, false, 0)));
        Assert.Equal(1.0, QaSampling.Probability(Policy, new LabelerRecord(Policy.NewLabelerTasks - 1, false, 50)));
        Assert.Equal(Policy.BaseRate, QaSampling.Probability(Policy, new LabelerRecord(100, false, 3)));
        Assert.Equal(Policy.FlaggedRate, QaSampling.Probability(Policy, new LabelerRecord(100, true, 50)));
        Assert.Equal(Policy.CleanRate, QaSampling.Probability(Policy, new LabelerRecord(100, false, Policy.CleanStreak)));
        Assert.True(QaSampling.ShouldReview(0.1, 0.05));
        Assert.False(QaSampling.ShouldReview(0.1, 0.5));
    }

    [Fact]
    public void Routing_PicksTheReviewerWhoseBlindSpotsDoNotOverlapTheLabelersErrors()
    {
        // The labeler mostly gets text wrong. Ann misses text errors; Bob misses geometry errors.
        var labeler = new Dictionary<ErrorCode, double> { [ErrorCode.TranscriptionError] = 0.3, [ErrorCode.LooseGeometry] = 0.02 };
        var ann = new ReviewerProfile("ann", new Dictionary<ErrorCode, double> { [ErrorCode.TranscriptionError] = 0.6, [ErrorCode.LooseGeometry] = 0.05 });
        var bob = new ReviewerProfile("bob", new Dictionary<ErrorCode, double> { [ErrorCode.TranscriptionError] = 0.05, [ErrorCode.LooseGeometry] = 0.6 });
        Assert.Equal("bob", ReviewerRouting.Pick(labeler, [ann, bob])!.ReviewerId);
        // A labeler with the opposite profile goes to Ann.
        var other = new Dictionary<ErrorCode, double> { [ErrorCode.TranscriptionError] = 0.02, [ErrorCode.LooseGeometry] = 0.3 };
        Assert.Equal("ann", ReviewerRouting.Pick(other, [ann, bob])!.ReviewerId);
    }

    [Fact]
    public void Routing_BreaksTiesByTheShorterQueue_AndNeedsAReviewer()
    {
        var rates = new Dictionary<ErrorCode, double> { [ErrorCode.WrongLabel] = 0.1 };
        var busy = new ReviewerProfile("busy", new Dictionary<ErrorCode, double>(), QueueLength: 9);
        var free = new ReviewerProfile("free", new Dictionary<ErrorCode, double>(), QueueLength: 1);
        Assert.Equal("free", ReviewerRouting.Pick(rates, [busy, free])!.ReviewerId);
        Assert.Null(ReviewerRouting.Pick(rates, []));
    }

    [Fact]
    public void AcceptedQuality_WeightsSamplesByTheirProbability()
    {
        // Ten over-sampled bad tasks (p = 1) and ten clean ones sampled at 10 %: the clean ones stand for ten times as many.
        var samples = Enumerable.Repeat(new ReviewedSample(false, 1.0), 10).Concat(Enumerable.Repeat(new ReviewedSample(true, 0.1), 10)).ToList();
        var estimate = AcceptedQualityEstimate.Estimate(1000, samples);
        var cleanShare = 100.0 / 110;
        Assert.Equal(1 - (980.0 / 1000) * (1 - cleanShare), estimate.Quality, 6);
        Assert.True(estimate.Low < estimate.Quality && estimate.Quality < estimate.High);
        Assert.True(double.IsNaN(AcceptedQualityEstimate.Estimate(10, []).Quality));
    }
}
