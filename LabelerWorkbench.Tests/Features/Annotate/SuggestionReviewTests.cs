using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class SuggestionReviewTests
{
    private static readonly IReadOnlyList<Point2> Quad = [new(10, 10), new(50, 10), new(50, 30), new(10, 30)];

    private static RegionData Region(Guid id, IReadOnlyList<Point2> points, int? classId = 1, string text = "EXIT") =>
        new(id, GeometryKind.Polygon, classId, points, text, new Provenance(RegionSource.Model, null, "m", "1", 0.9));

    [Fact]
    public void Classify_TellsKeptEditedAndDeletedApart()
    {
        Guid kept = Guid.NewGuid(), moved = Guid.NewGuid(), relabeled = Guid.NewGuid(), retyped = Guid.NewGuid(), deleted = Guid.NewGuid();
        var suggestions = new[] { kept, moved, relabeled, retyped, deleted }
            .Select(id => new RegionData(id, GeometryKind.Polygon, 1, Quad, "EXIT", new Provenance(RegionSource.Model, null, "m", "1", 0.9), Pending: true)).ToList();
        var submitted = new[]
        {
            Region(kept, Quad.Select(p => new Point2(p.X + 0.001, p.Y)).ToList()),
            Region(moved, Quad.Select(p => new Point2(p.X + 3, p.Y)).ToList()),
            Region(relabeled, Quad, classId: 2),
            Region(retyped, Quad, text: "EX1T"),
            Region(Guid.NewGuid(), Quad), // the labeler's own region: not a suggestion
        };

        var decisions = SuggestionReview.Classify(suggestions, submitted).ToDictionary(d => d.SuggestionId);

        Assert.Equal(SuggestionVerdict.Kept, decisions[kept].Verdict);
        Assert.Equal((SuggestionVerdict.Edited, true, false, false), Flags(decisions[moved]));
        Assert.Equal((SuggestionVerdict.Edited, false, true, false), Flags(decisions[relabeled]));
        Assert.Equal((SuggestionVerdict.Edited, false, false, true), Flags(decisions[retyped]));
        Assert.Equal(SuggestionVerdict.Deleted, decisions[deleted].Verdict);
        Assert.Equal(5, decisions.Count);
    }

    private static (SuggestionVerdict, bool, bool, bool) Flags(SuggestionDecision d) => (d.Verdict, d.GeometryChanged, d.LabelChanged, d.TextChanged);
}
