using LabelerWorkbench.Domain.Consensus;

namespace LabelerWorkbench.Tests.Domain.Consensus;

public class RegionConsensusTests
{
    static RegionData Box(double x1, double y1, double x2, double y2, int classId = 1, string text = "") =>
        new(Guid.NewGuid(), GeometryKind.Box, classId, [new(x1, y1), new(x2, y2)], text, Provenance.Labeler("u"));

    static Replica Replica(string id, double weight, params RegionData[] regions) => new(id, weight, regions);

    [Fact]
    public void ARegionAQuorumDrew_IsKept_WithTheMedianOfEachEdge_AndAStrayOneIsDropped()
    {
        var merge = RegionConsensus.Merge(
        [
            Replica("a", 1, Box(10, 10, 110, 50, text: "Station Road"), Box(300, 300, 340, 330)),
            Replica("b", 1, Box(12, 8, 108, 52, text: "Station Raod")),
            Replica("c", 1, Box(40, 14, 112, 49, text: "Statoin Road")),
        ], quorum: 2);

        var kept = Assert.Single(merge.Kept);
        Assert.Equal([new Point2(12, 10), new Point2(110, 50)], kept.Region.Points);
        Assert.Equal("Station Road", kept.Region.Transcription);
        Assert.Equal(3, kept.Members.Count);
        var dropped = Assert.Single(merge.Dropped);
        Assert.True(dropped.Disputed(3));
        Assert.Single(dropped.Members);
    }

    [Fact]
    public void TheClass_IsAWeightedVote_NotOnePersonOneVote()
    {
        var replicas = new[]
        {
            Replica("careful", 0.95, Box(0, 0, 100, 40, classId: 7)),
            Replica("new-1", 0.4, Box(1, 0, 100, 41, classId: 8)),
            Replica("new-2", 0.4, Box(0, 1, 101, 40, classId: 8)),
        };
        var heavy = RegionConsensus.Merge(replicas, quorum: 2).Kept.Single();
        Assert.Equal(7, heavy.Region.ClassId);
        Assert.Equal(0.95 / 1.75, heavy.ClassAgreement, 6);
        Assert.True(heavy.Disputed(3));

        var equal = RegionConsensus.Merge([.. replicas.Select(r => r with { Weight = 1 })], quorum: 2).Kept.Single();
        Assert.Equal(8, equal.Region.ClassId);
    }

    [Fact]
    public void APolygon_TakesTheMemberThatOverlapsTheOthersMost()
    {
        RegionData Poly(params double[] xy) => new(Guid.NewGuid(), GeometryKind.Polygon, 1,
            [.. xy.Chunk(2).Select(p => new Point2(p[0], p[1]))], "", Provenance.Labeler("u"));
        var middle = Poly(0, 0, 100, 0, 100, 50, 0, 50);
        var merge = RegionConsensus.Merge(
        [
            Replica("a", 1, Poly(-8, 0, 92, 0, 92, 50, -8, 50)),
            Replica("b", 1, middle),
            Replica("c", 1, Poly(8, 0, 108, 0, 108, 50, 8, 50)),
        ], quorum: 2);
        Assert.Equal(middle.Points, merge.Kept.Single().Region.Points);
    }

    [Fact]
    public void TheModelsSuggestion_BreaksATie_AndNoMore()
    {
        var suggestion = Box(0, 0, 100, 40, text: "Road");
        var tie = RegionConsensus.Merge([Replica("a", 1, Box(0, 0, 100, 40, text: "Raod")), Replica("b", 1, Box(0, 0, 100, 40, text: "Road"))],
            quorum: 2, suggestions: [suggestion]);
        Assert.Equal("Road", tie.Kept.Single().Region.Transcription);
        var alone = RegionConsensus.Merge([Replica("a", 1, Box(0, 0, 100, 40, text: "Raod"))], quorum: 1, suggestions: [suggestion]);
        Assert.Equal("Raod", alone.Kept.Single().Region.Transcription);
    }

    [Fact]
    public void TheSimulation_WithThreeReplicasAtFivePercent_MergesUnderAThirdOfOneLabelersCer()
    {
        var report = ConsensusSimulation.Run(new ConsensusScenario(Replicas: 3, Pages: 40, Seed: 7));
        Assert.True(report.MergedCer < report.SingleCer / 3, $"merged {report.MergedCer:P2} vs one labeler {report.SingleCer:P2}");
        Assert.True(report.MergedCer < report.MajorityCer, $"merged {report.MergedCer:P2} vs exact majority {report.MajorityCer:P2}");
        Assert.True(report.RegionRecall > report.SingleRecall);
    }
}
