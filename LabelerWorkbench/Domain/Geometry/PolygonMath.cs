namespace LabelerWorkbench.Domain.Geometry;

/// <summary>
/// Geometry on simple polygons given as vertex lists (closed implicitly, either winding).
/// Pure functions: used by the annotate page, submit validation and, later, gold matching.
/// </summary>
public static class PolygonMath
{
    /// <summary>Signed shoelace area: positive for counter-clockwise in a y-up frame.</summary>
    public static double SignedArea(IReadOnlyList<Point2> polygon)
    {
        double sum = 0;
        for (int i = 0, n = polygon.Count; i < n; i++)
            sum += Point2.Cross(polygon[i], polygon[(i + 1) % n]);
        return sum / 2;
    }

    public static double Area(IReadOnlyList<Point2> polygon) => Math.Abs(SignedArea(polygon));

    public static Box BoundingBox(IReadOnlyList<Point2> polygon)
    {
        if (polygon.Count == 0) return default;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in polygon)
        {
            minX = Math.Min(minX, p.X); minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X); maxY = Math.Max(maxY, p.Y);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /// <summary>Even-odd ray casting; points exactly on an edge may fall either way.</summary>
    public static bool Contains(IReadOnlyList<Point2> polygon, Point2 p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) &&
                p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X)
                inside = !inside;
        }
        return inside;
    }

    /// <summary>Inserts <paramref name="vertex"/> after index <paramref name="afterIndex"/> (on the edge to the next vertex).</summary>
    public static IReadOnlyList<Point2> InsertVertex(IReadOnlyList<Point2> polygon, int afterIndex, Point2 vertex)
    {
        if (afterIndex < 0 || afterIndex >= polygon.Count)
            throw new ArgumentOutOfRangeException(nameof(afterIndex));
        var result = new List<Point2>(polygon.Count + 1);
        result.AddRange(polygon.Take(afterIndex + 1));
        result.Add(vertex);
        result.AddRange(polygon.Skip(afterIndex + 1));
        return result;
    }

    /// <summary>Removes a vertex; a polygon never drops below three vertices.</summary>
    public static IReadOnlyList<Point2> DeleteVertex(IReadOnlyList<Point2> polygon, int index)
    {
        if (index < 0 || index >= polygon.Count)
            throw new ArgumentOutOfRangeException(nameof(index));
        if (polygon.Count <= 3)
            throw new InvalidOperationException("A polygon needs at least three vertices.");
        return polygon.Where((_, i) => i != index).ToList();
    }

    /// <summary>Index of the edge (i → i+1) nearest to <paramref name="p"/>, and its distance.</summary>
    public static (int EdgeIndex, double Distance) NearestEdge(IReadOnlyList<Point2> polygon, Point2 p)
    {
        var best = (-1, double.MaxValue);
        for (int i = 0; i < polygon.Count; i++)
        {
            var d = DistanceToSegment(p, polygon[i], polygon[(i + 1) % polygon.Count]);
            if (d < best.Item2) best = (i, d);
        }
        return best;
    }

    public static double DistanceToSegment(Point2 p, Point2 a, Point2 b)
    {
        var ab = b - a;
        var len2 = ab.X * ab.X + ab.Y * ab.Y;
        var t = len2 == 0 ? 0 : Math.Clamp(((p.X - a.X) * ab.X + (p.Y - a.Y) * ab.Y) / len2, 0, 1);
        var q = a + ab * t;
        return Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));
    }

    /// <summary>
    /// Area of the intersection of two simple polygons (convex or not), exactly.
    /// Each polygon is a signed sum of fan triangles from a common origin; the
    /// intersection area is the signed sum of the pairwise triangle intersections,
    /// and triangles are convex, so each pair is clipped exactly (Sutherland–Hodgman).
    /// </summary>
    public static double IntersectionArea(IReadOnlyList<Point2> a, IReadOnlyList<Point2> b)
    {
        if (a.Count < 3 || b.Count < 3) return 0;
        if (BoundingBox(a).Intersect(BoundingBox(b)).Area <= 0) return 0;
        // A local origin keeps the fan triangles small and the arithmetic well conditioned.
        var origin = a[0];
        double total = 0;
        for (int i = 0; i < a.Count; i++)
        {
            var ta = Triangle(origin, a[i], a[(i + 1) % a.Count], out var signA);
            if (signA == 0) continue;
            for (int j = 0; j < b.Count; j++)
            {
                var tb = Triangle(origin, b[j], b[(j + 1) % b.Count], out var signB);
                if (signB == 0) continue;
                total += signA * signB * Area(ClipConvex(ta, tb));
            }
        }
        // The sum equals sign(A)·sign(B)·area(A∩B), so either winding gives the same magnitude.
        return Math.Abs(total);
    }

    public static double IoU(IReadOnlyList<Point2> a, IReadOnlyList<Point2> b)
    {
        var inter = IntersectionArea(a, b);
        var union = Area(a) + Area(b) - inter;
        return union <= 0 ? 0 : Math.Clamp(inter / union, 0, 1);
    }

    static Point2[] Triangle(Point2 o, Point2 p, Point2 q, out int sign)
    {
        var cross = Point2.Cross(p - o, q - o);
        sign = Math.Sign(cross);
        // Clip routines expect counter-clockwise (positive) triangles.
        return cross >= 0 ? [o, p, q] : [o, q, p];
    }

    /// <summary>Sutherland–Hodgman: clips <paramref name="subject"/> by the convex, positively oriented <paramref name="clip"/>.</summary>
    public static IReadOnlyList<Point2> ClipConvex(IReadOnlyList<Point2> subject, IReadOnlyList<Point2> clip)
    {
        var output = subject.ToList();
        for (int i = 0; i < clip.Count && output.Count > 0; i++)
        {
            var a = clip[i];
            var b = clip[(i + 1) % clip.Count];
            var input = output;
            output = new List<Point2>(input.Count + 2);
            for (int k = 0; k < input.Count; k++)
            {
                var cur = input[k];
                var prev = input[(k + input.Count - 1) % input.Count];
                var curIn = Point2.Cross(b - a, cur - a) >= 0;
                var prevIn = Point2.Cross(b - a, prev - a) >= 0;
                if (curIn)
                {
                    if (!prevIn) output.Add(LineIntersection(prev, cur, a, b));
                    output.Add(cur);
                }
                else if (prevIn)
                {
                    output.Add(LineIntersection(prev, cur, a, b));
                }
            }
        }
        return output;
    }

    static Point2 LineIntersection(Point2 p1, Point2 p2, Point2 a, Point2 b)
    {
        var r = p2 - p1;
        var s = b - a;
        var denom = Point2.Cross(r, s);
        if (denom == 0) return p1;
        var t = Point2.Cross(a - p1, s) / denom;
        return p1 + r * t;
    }
}
