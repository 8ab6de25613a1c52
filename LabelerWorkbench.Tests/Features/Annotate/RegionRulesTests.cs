using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class RegionRulesTests
{
    private static readonly LabelSchema Schema = new(
    [
        new(1, "Text", "#1e88e5", "1", AllowBox: true, AllowPolygon: true, RequiresTranscription: true),
        new(2, "Logo", "#8e24aa", "2", AllowBox: true, AllowPolygon: false, RequiresTranscription: false),
    ]);

    private static RegionData Region(GeometryKind kind, int? classId, string text, params Point2[] points) =>
        new(Guid.NewGuid(), kind, classId, points, text, Provenance.Labeler("ann"));

    [Fact]
    public void CheckEdit_AcceptsAValidBoxAndPolygon()
    {
        Assert.Null(RegionRules.CheckEdit(Region(GeometryKind.Box, 2, "", new(1, 1), new(20, 20)), 100, 100, Schema));
        Assert.Null(RegionRules.CheckEdit(Region(GeometryKind.Polygon, 1, "x", new(1, 1), new(20, 1), new(20, 9)), 100, 100, Schema));
    }

    [Theory]
    [InlineData(double.NaN, 1, "not a number")]
    [InlineData(double.PositiveInfinity, 1, "not a number")]
    [InlineData(500, 1, "outside the image")]
    [InlineData(-50, 1, "outside the image")]
    public void CheckEdit_RefusesCoordinatesThatAreNotOnTheImage(double x, double y, string expected)
    {
        var error = RegionRules.CheckEdit(Region(GeometryKind.Box, 2, "", new(x, y), new(20, 20)), 100, 100, Schema);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void CheckEdit_RefusesMalformedShapesAndForeignClasses()
    {
        Assert.Contains("three vertices", RegionRules.CheckEdit(Region(GeometryKind.Polygon, 1, "", new(1, 1), new(2, 2)), 100, 100, Schema));
        Assert.Contains("two corner", RegionRules.CheckEdit(Region(GeometryKind.Box, 2, "", new(1, 1), new(2, 2), new(3, 3)), 100, 100, Schema));
        Assert.Contains("one pixel", RegionRules.CheckEdit(Region(GeometryKind.Box, 2, "", new(1, 1), new(1.5, 9)), 100, 100, Schema));
        Assert.Contains("not in this project", RegionRules.CheckEdit(Region(GeometryKind.Box, 99, "", new(1, 1), new(9, 9)), 100, 100, Schema));
        Assert.Contains("does not allow a polygon", RegionRules.CheckEdit(Region(GeometryKind.Polygon, 2, "", new(1, 1), new(9, 1), new(9, 9)), 100, 100, Schema));
        var tooLong = new string('x', RegionRules.MaxTranscriptionLength + 1);
        Assert.Contains("at most", RegionRules.CheckEdit(Region(GeometryKind.Box, 1, tooLong, new(1, 1), new(9, 9)), 100, 100, Schema));
        var tooMany = Enumerable.Range(0, RegionRules.MaxPolygonVertices + 1).Select(i => new Point2(i % 90, i % 7)).ToArray();
        Assert.Contains("at most", RegionRules.CheckEdit(Region(GeometryKind.Polygon, 1, "", tooMany), 100, 100, Schema));
    }

    [Fact]
    public void CheckSubmit_NamesEveryProblemByRegionNumber()
    {
        var regions = new[]
        {
            Region(GeometryKind.Box, 2, "", new(1, 1), new(9, 9)),
            Region(GeometryKind.Box, 1, "  ", new(1, 1), new(9, 9)),
            Region(GeometryKind.Box, null, "", new(1, 1), new(9, 9)),
        };
        var problems = RegionRules.CheckSubmit(regions, Schema);
        Assert.Equal(["Region 2 (Text): the transcription is required.", "Region 3: choose a class."], problems);
    }
}
