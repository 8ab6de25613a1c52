
namespace LabelerWorkbench.Inference.Ocr;

/// <summary>Plain geometry for DB post-processing: hull, minimum-area rectangle, polygon offset.</summary>
public static class OcrMath
{
    /// <summary>Detection input size: long side at most <paramref name="limit"/>, both sides rounded to a multiple of 32, never under 32.</summary>
    public static (int Width, int Height) DetectionSize(int width, int height, int limit = 960)
    {
        var ratio = Math.Max(width, height) > limit ? (double)limit / Math.Max(width, height) : 1.0;
        static int Round32(double v) => Math.Max(32, (int)Math.Round(v / 32) * 32);
        return (Round32((int)(width * ratio)), Round32((int)(height * ratio)));
    }

    /// <summary>Andrew's monotone chain; counter-clockwise in a y-up frame, no repeated last point.</summary>
    public static List<Point2> ConvexHull(IEnumerable<Point2> points)
    {
        var p = points.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToList();
        if (p.Count < 3) return p;
        var hull = new List<Point2>(2 * p.Count);
        foreach (var pass in new[] { p, Enumerable.Reverse(p).ToList() })
        {
            var start = hull.Count;
            foreach (var q in pass)
            {
                while (hull.Count >= start + 2 && Point2.Cross(hull[^1] - hull[^2], q - hull[^2]) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(q);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull;
    }

    /// <summary>
    /// The smallest rectangle around the points (rotating calipers over the hull's edges), as four corners
    /// ordered top-left, top-right, bottom-right, bottom-left as PaddleOCR's get_mini_boxes orders them.
    /// </summary>
    public static (Point2[] Corners, double Width, double Height) MinAreaRect(IReadOnlyList<Point2> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count < 3)
        {
            var b = PolygonMath.BoundingBox(points);
            return (OrderCorners(b.Corners().ToArray()), b.Width, b.Height);
        }
        double bestArea = double.MaxValue;
        Point2[] best = [];
        double bestW = 0, bestH = 0;
        for (int i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var e = hull[(i + 1) % hull.Count] - a;
            var len = Math.Sqrt(e.X * e.X + e.Y * e.Y);
            if (len == 0) continue;
            var u = new Point2(e.X / len, e.Y / len);
            var v = new Point2(-u.Y, u.X);
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var q in hull)
            {
                var d = q - a;
                var pu = d.X * u.X + d.Y * u.Y;
                var pv = d.X * v.X + d.Y * v.Y;
                minU = Math.Min(minU, pu); maxU = Math.Max(maxU, pu);
                minV = Math.Min(minV, pv); maxV = Math.Max(maxV, pv);
            }
            var area = (maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                Point2 At(double su, double sv) => a + u * su + v * sv;
                best = [At(minU, minV), At(maxU, minV), At(maxU, maxV), At(minU, maxV)];
                bestW = maxU - minU;
                bestH = maxV - minV;
            }
        }
        return (OrderCorners(best), bestW, bestH);
    }

    /// <summary>Orders four corners as PaddleOCR does: the two leftmost give top-left/bottom-left by y, the others top-right/bottom-right.</summary>
    public static Point2[] OrderCorners(Point2[] corners)
    {
        var byX = corners.OrderBy(c => c.X).ToArray();
        var (tl, bl) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (tr, br) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [tl, tr, br, bl];
    }

    /// <summary>
    /// Grows a convex polygon outward by <paramref name="distance"/> with round joins (what pyclipper's
    /// JT_ROUND offset does for DB's unclip); arcs are approximated with segments of at most 15 degrees.
    /// </summary>
    public static List<Point2> Offset(IReadOnlyList<Point2> polygon, double distance)
    {
        var n = polygon.Count;
        var ccw = PolygonMath.SignedArea(polygon) > 0;
        Point2 Normal(Point2 a, Point2 b)
        {
            var e = b - a;
            var len = Math.Sqrt(e.X * e.X + e.Y * e.Y);
            if (len == 0) return default;
            // Outward normal: right of the edge for counter-clockwise order, left for clockwise.
            return ccw ? new Point2(e.Y / len, -e.X / len) : new Point2(-e.Y / len, e.X / len);
        }
        var result = new List<Point2>();
        for (int i = 0; i < n; i++)
        {
            var prev = polygon[(i + n - 1) % n];
            var cur = polygon[i];
            var next = polygon[(i + 1) % n];
            var n1 = Normal(prev, cur);
            var n2 = Normal(cur, next);
            var a1 = Math.Atan2(n1.Y, n1.X);
            var a2 = Math.Atan2(n2.Y, n2.X);
            var sweep = a2 - a1;
            // Convex corners turn the normal counter-clockwise for a counter-clockwise polygon, and back.
            if (ccw) { while (sweep < 0) sweep += 2 * Math.PI; }
            else { while (sweep > 0) sweep -= 2 * Math.PI; }
            var steps = Math.Max(1, (int)Math.Ceiling(Math.Abs(sweep) / (Math.PI / 12)));
            for (int s = 0; s <= steps; s++)
            {
                var angle = a1 + sweep * s / steps;
                result.Add(new Point2(cur.X + distance * Math.Cos(angle), cur.Y + distance * Math.Sin(angle)));
            }
        }
        return result;
    }

    public static double Perimeter(IReadOnlyList<Point2> polygon)
    {
        double sum = 0;
        for (int i = 0; i < polygon.Count; i++)
        {
            var d = polygon[(i + 1) % polygon.Count] - polygon[i];
            sum += Math.Sqrt(d.X * d.X + d.Y * d.Y);
        }
        return sum;
    }
}
