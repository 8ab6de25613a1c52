namespace LabelerWorkbench.Tests.Domain.Consensus;

public class OverlapPolicyTests
{
    private static readonly OverlapSignals Calm = new(false, false, false);

    [Fact]
    public void AShare_PicksAboutThatShareOfTasks_AlwaysTheSameOnes()
    {
        var policy = OverlapPolicy.Off with { Mode = OverlapMode.Share, Share = 0.2 };
        var picked = Enumerable.Range(1, 10_000).Where(id => policy.Applies(id, Calm)).ToList();
        Assert.InRange(picked.Count, 1_850, 2_150);
        Assert.Equal(picked, Enumerable.Range(1, 10_000).Where(id => policy.Applies(id, Calm)));
        // Consecutive ids (one import) are spread, not taken in a block.
        Assert.InRange(picked.Count(id => id <= 100), 10, 30);
    }

    [Theory]
    [InlineData(OverlapMode.Off, true, true, true, false)]
    [InlineData(OverlapMode.All, false, false, false, true)]
    [InlineData(OverlapMode.MonitorPicked, false, false, false, false)]
    [InlineData(OverlapMode.MonitorPicked, true, false, false, true)]
    [InlineData(OverlapMode.MonitorPicked, false, true, false, true)]
    [InlineData(OverlapMode.MonitorPicked, false, false, true, true)]
    public void TheMonitorPicks_Newcomers_OpenFlags_AndLowModelConfidence(OverlapMode mode, bool newcomer, bool flagged, bool lowConfidence, bool applies) =>
        Assert.Equal(applies, (OverlapPolicy.Off with { Mode = mode }).Applies(42, new(newcomer, flagged, lowConfidence)));

    [Fact]
    public void BadSettings_AreRefusedWithTheirReason()
    {
        var problems = (OverlapPolicy.Off with { Replicas = 7, Share = 1.5, AgreementThreshold = -0.1, DeadlineHours = 0, Mode = (OverlapMode)9 }).Problems();
        Assert.Contains(problems, p => p.Contains("between 2 and 5"));
        Assert.Contains(problems, p => p.Contains("share"));
        Assert.Contains(problems, p => p.Contains("agreement threshold"));
        Assert.Contains(problems, p => p.Contains("deadline"));
        Assert.Contains(problems, p => p.Contains("mode"));
        Assert.Empty(OverlapPolicy.Off.Problems());
        Assert.Empty(new QualitySettings().Problems());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void TheQuorum_IsAStrictMajorityOfTheReplicasIn(int replicas, int quorum) => Assert.Equal(quorum, OverlapPolicy.QuorumOf(replicas));
}
