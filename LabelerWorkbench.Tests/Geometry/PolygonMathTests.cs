
namespace LabelerWorkbench.Tests.Geometry;

public class PolygonMathTests
{
    private static List<Point2> Square(double x, double y, double size) =>
        [new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size)];

    [Fact]
    public void Area_OfSquare_IsSideSquared_InEitherWinding()
    {
        var square = Square(0, 0, 10);
        Assert.Equal(100, PolygonMath.Area(square), 9);
        Assert.Equal(100, PolygonMath.Area(square.AsEnumerable().Reverse().ToList()), 9);
        Assert.Equal(-PolygonMath.SignedArea(square), PolygonMath.SignedArea(square.AsEnumerable().Reverse().ToList()), 9);
    }

    [Fact]
    public void Area_OfConcaveL_CountsOnlyTheInside()
    {
        List<Point2> l = [new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 3), new(0, 3)];
        Assert.Equal(4 + 2, PolygonMath.Area(l), 9);
    }

    [Fact]
    public void Contains_IsTrueInsideAConcavePolygon_AndFalseInItsNotch()
    {
        List<Point2> l = [new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 3), new(0, 3)];
        Assert.True(PolygonMath.Contains(l, new(0.5, 2.5)));
        Assert.True(PolygonMath.Contains(l, new(3.5, 0.5)));
        Assert.False(PolygonMath.Contains(l, new(3, 2)));
        Assert.False(PolygonMath.Contains(l, new(-1, 0.5)));
    }

    [Fact]
    public void BoxIoU_MatchesHandComputedValues()
    {
        var a = new Box(0, 0, 10, 10);
        Assert.Equal(1, Box.IoU(a, a), 9);
        Assert.Equal(0, Box.IoU(a, new Box(20, 20, 5, 5)), 9);
        // Overlap 5×10 = 50; union 100 + 100 − 50 = 150.
        Assert.Equal(50.0 / 150, Box.IoU(a, new Box(5, 0, 10, 10)), 9);
    }

    [Fact]
    public void PolygonIoU_OfBoxesAgreesWithBoxIoU()
    {
        var a = new Box(3, 4, 10, 6);
        var b = new Box(7, 1, 9, 8);
        Assert.Equal(Box.IoU(a, b), PolygonMath.IoU(a.Corners(), b.Corners()), 9);
    }

    [Fact]
    public void PolygonIoU_HandlesConcaveShapesExactly()
    {
        // L-shape (area 6) against the unit square in its notch corner: no overlap at all.
        List<Point2> l = [new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 3), new(0, 3)];
        Assert.Equal(0, PolygonMath.IntersectionArea(l, Square(2, 2, 1)), 9);
        // Against a 4×3 rectangle that contains it: intersection is the L itself.
        Assert.Equal(6, PolygonMath.IntersectionArea(l, Square(0, 0, 4).Take(2).Concat([new Point2(4, 3), new Point2(0, 3)]).ToList()), 9);
        // A square straddling the notch: overlap is the part inside the L, 0.5×1 + 0.5×0.5 = 0.75.
        Assert.Equal(0.75, PolygonMath.IntersectionArea(l, Square(0.5, 0.5, 1)), 9);
    }

    [Fact]
    public void PolygonIoU_IsSymmetricAndIgnoresWinding()
    {
        var a = Square(0, 0, 4);
        List<Point2> triangle = [new(2, -1), new(6, 2), new(2, 5)];
        var iou = PolygonMath.IoU(a, triangle);
        Assert.InRange(iou, 0.01, 0.99);
        Assert.Equal(iou, PolygonMath.IoU(triangle, a), 9);
        Assert.Equal(iou, PolygonMath.IoU(a.AsEnumerable().Reverse().ToList(), triangle), 9);
    }

    [Fact]
    public void InsertVertex_PutsThePointOnTheChosenEdge()
    {
        var square = Square(0, 0, 10);
        var result = PolygonMath.InsertVertex(square, 1, new Point2(10, 5));
        Assert.Equal(5, result.Count);
        Assert.Equal(new Point2(10, 5), result[2]);
        Assert.Equal(square[2], result[3]);
        Assert.Equal(100, PolygonMath.Area(result), 9);
    }

    [Fact]
    public void DeleteVertex_RemovesIt_ButNeverBelowThree()
    {
        var pentagon = PolygonMath.InsertVertex(Square(0, 0, 10), 1, new Point2(15, 5));
        var back = PolygonMath.DeleteVertex(pentagon, 2);
        Assert.Equal(Square(0, 0, 10), back);
        List<Point2> triangle = [new(0, 0), new(1, 0), new(0, 1)];
        Assert.Throws<InvalidOperationException>(() => PolygonMath.DeleteVertex(triangle, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolygonMath.DeleteVertex(pentagon, 5));
    }

    [Fact]
    public void NearestEdge_FindsTheEdgeUnderAClick()
    {
        var (edge, distance) = PolygonMath.NearestEdge(Square(0, 0, 10), new Point2(10.5, 4));
        Assert.Equal(1, edge);
        Assert.Equal(0.5, distance, 9);
    }
}
