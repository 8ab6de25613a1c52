using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class AnnotationDocumentTests
{
    private static RegionData Box(Guid id, double x, string text = "") =>
        new(id, GeometryKind.Box, 1, [new(x, 0), new(x + 10, 10)], text, Provenance.Labeler("ann"));

    [Fact]
    public void UndoAndRedo_CoverCreateEditTextAndDelete()
    {
        var id = Guid.NewGuid();
        var doc = new AnnotationDocument([]);
        doc.Upsert(Box(id, 0));
        doc.Upsert(Box(id, 5));
        doc.Upsert(Box(id, 5, "CAFE"));
        doc.Delete(id);
        Assert.Empty(doc.Regions);

        doc.Undo();
        Assert.Equal("CAFE", doc.Find(id)!.Transcription);
        doc.Undo();
        Assert.Equal("", doc.Find(id)!.Transcription);
        doc.Undo();
        Assert.Equal(0, doc.Find(id)!.Points[0].X);
        doc.Undo();
        Assert.Null(doc.Find(id));
        Assert.False(doc.CanUndo);

        doc.Redo();
        doc.Redo();
        Assert.Equal(5, doc.Find(id)!.Points[0].X);
        Assert.True(doc.CanRedo);
    }

    [Fact]
    public void NewEdit_AfterUndo_DropsTheRedoHistory()
    {
        var id = Guid.NewGuid();
        var doc = new AnnotationDocument([]);
        doc.Upsert(Box(id, 0));
        doc.Upsert(Box(id, 5));
        doc.Undo();
        doc.Upsert(Box(id, 7));
        Assert.False(doc.CanRedo);
        Assert.Empty(doc.Redo());
        Assert.Equal(7, doc.Find(id)!.Points[0].X);
    }

    [Fact]
    public void AnEditThatChangesNothing_IsNotAnUndoStep()
    {
        var id = Guid.NewGuid();
        var doc = new AnnotationDocument([Box(id, 0)]);
        Assert.Null(doc.Upsert(Box(id, 0)));
        Assert.False(doc.CanUndo);
        Assert.False(doc.HasUnsavedChanges);
    }

    [Fact]
    public void Undo_ReturnsTheStateTheCanvasMustShow()
    {
        var id = Guid.NewGuid();
        var doc = new AnnotationDocument([]);
        doc.Upsert(Box(id, 0));
        var change = Assert.Single(doc.Undo());
        Assert.Equal(id, change.Id);
        Assert.Null(change.After);
        Assert.NotNull(change.Before);
    }

    [Fact]
    public void TakeUnsaved_ReportsUpsertsAndDeletes_Once()
    {
        var kept = Guid.NewGuid();
        var gone = Guid.NewGuid();
        var doc = new AnnotationDocument([Box(gone, 50)]);
        doc.Upsert(Box(kept, 0));
        doc.Delete(gone);
        var (upserts, deletes) = doc.TakeUnsaved();
        Assert.Equal(kept, Assert.Single(upserts).Id);
        Assert.Equal(gone, Assert.Single(deletes));
        Assert.False(doc.HasUnsavedChanges);

        doc.MarkUnsaved([kept]);
        Assert.True(doc.HasUnsavedChanges);
        Assert.Equal(kept, Assert.Single(doc.TakeUnsaved().Upserts).Id);
    }

    [Fact]
    public void Apply_GroupsSeveralChangesIntoOneUndoStep()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var doc = new AnnotationDocument([Box(a, 0), Box(b, 20)]);
        doc.Apply([(a, null), (b, null)]);
        Assert.Empty(doc.Regions);
        Assert.Equal(2, doc.Undo().Count);
        Assert.Equal(2, doc.Regions.Count);
    }
}

public class AnnotationDocumentTypingTests
{
    private static RegionData Text(Guid id, string text) =>
        new(id, GeometryKind.Box, 1, [new(0, 0), new(10, 10)], text, Provenance.Labeler("ann"));

    [Fact]
    public void Typing_IsOneUndoStepPerBurst_AndAnotherEditEndsTheBurst()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var doc = new AnnotationDocument([Text(a, ""), Text(b, "")]);
        foreach (var prefix in new[] { "C", "CA", "CAF", "CAFE" }) doc.Upsert(Text(a, prefix), coalesce: true);
        doc.Upsert(Text(b, "X"), coalesce: true);
        doc.Upsert(Text(a, "CAFE!"), coalesce: true);

        doc.Undo();
        Assert.Equal("CAFE", doc.Find(a)!.Transcription);
        doc.Undo();
        Assert.Equal("", doc.Find(b)!.Transcription);
        doc.Undo();
        Assert.Equal("", doc.Find(a)!.Transcription);
        Assert.False(doc.CanUndo);
    }

    [Fact]
    public void TypingBackToTheStart_LeavesNoUndoStep()
    {
        var a = Guid.NewGuid();
        var doc = new AnnotationDocument([Text(a, "")]);
        doc.Upsert(Text(a, "x"), coalesce: true);
        doc.Upsert(Text(a, ""), coalesce: true);
        Assert.False(doc.CanUndo);
    }

    private static RegionData At(Guid id, double x, string text = "") =>
        new(id, GeometryKind.Box, 1, [new(x, 0), new(x + 10, 10)], text, Provenance.Labeler("ann"));

    [Fact]
    public void UndoingDeletes_PutsEachRegionBackInItsPlace_AndRedoTakesThemOutAgain()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var doc = new AnnotationDocument(ids.Select((id, i) => At(id, i * 20)));
        doc.Delete(ids[1]);
        doc.Apply([(ids[2], null), (ids[4], null)]);
        Assert.Equal([ids[0], ids[3]], doc.Regions.Select(r => r.Id));

        doc.Undo();
        Assert.Equal([ids[0], ids[2], ids[3], ids[4]], doc.Regions.Select(r => r.Id));
        doc.Undo();
        Assert.Equal(ids, doc.Regions.Select(r => r.Id));
        doc.Redo();
        doc.Redo();
        Assert.Equal([ids[0], ids[3]], doc.Regions.Select(r => r.Id));
    }

    [Fact]
    public void ASplitsNewHalf_GoesRightAfterTheFirst_AsOneUndoStep()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var doc = new AnnotationDocument([At(a, 0, "one two"), At(b, 50)]);
        doc.Apply([(a, At(a, 0, "one")), (c, At(c, 5, "two"))], insertAt: 1);
        Assert.Equal([a, c, b], doc.Regions.Select(r => r.Id));
        doc.Undo();
        Assert.Equal([a, b], doc.Regions.Select(r => r.Id));
        Assert.Equal("one two", doc.Find(a)!.Transcription);
        doc.Redo();
        Assert.Equal([a, c, b], doc.Regions.Select(r => r.Id));
    }
}
