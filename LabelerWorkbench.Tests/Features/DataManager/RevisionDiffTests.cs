using LabelerWorkbench.Features.DataManager;

namespace LabelerWorkbench.Tests.Features.DataManager;

public class RevisionDiffTests
{
    static RegionData Box(Guid id, int x, string text = "", int cls = 1) =>
        new(id, GeometryKind.Box, cls, [new(x, 0), new(x + 10, 10)], text, Provenance.Labeler("ann"));

    [Fact]
    public void Compare_ListsAddedRemovedAndChangedRegions_WithWhatChanged()
    {
        Guid kept = Guid.NewGuid(), moved = Guid.NewGuid(), retyped = Guid.NewGuid(), gone = Guid.NewGuid(), added = Guid.NewGuid();
        var before = new[] { Box(kept, 0), Box(moved, 20), Box(retyped, 40, "Cafe"), Box(gone, 60) };
        var after = new[] { Box(kept, 0), Box(moved, 25), Box(retyped, 40, "Café", cls: 2), Box(added, 80) };

        var changes = RevisionDiff.Compare(before, after);

        Assert.Equal(4, changes.Count);
        Assert.Equal(["geometry"], changes.Single(c => c.Region.Id == moved).What);
        Assert.Equal(["class", "text"], changes.Single(c => c.Region.Id == retyped).What);
        Assert.Equal("Cafe", changes.Single(c => c.Region.Id == retyped).Before!.Transcription);
        Assert.Equal(RegionChangeKind.Added, changes.Single(c => c.Region.Id == added).Kind);
        Assert.Equal(RegionChangeKind.Removed, changes.Single(c => c.Region.Id == gone).Kind);
        Assert.DoesNotContain(changes, c => c.Region.Id == kept);
        Assert.Empty(RevisionDiff.Compare(before, before));
    }
}
