
namespace LabelerWorkbench.Inference.Ocr;

/// <summary>Thresholds of DB text detection; PaddleOCR's inference defaults.</summary>
public sealed record DbOptions(double Threshold = 0.3, double BoxThreshold = 0.6, double UnclipRatio = 1.5, int MinSize = 3, int MaxCandidates = 1000);

/// <summary>A text region found by detection: a rotated rectangle (four corners, TL TR BR BL) in image pixels.</summary>
public sealed record DetectedText(Point2[] Quad, double Score)
{
    public Box Bounds => PolygonMath.BoundingBox(Quad);
}

/// <summary>
/// DB (differentiable binarisation) post-processing, after PaddleOCR's DBPostProcess: threshold the
/// probability map, take each connected region, fit its minimum-area rectangle, score it by the mean
/// probability inside (drop weak ones), expand it by the unclip offset and map it back to the image.
/// </summary>
public static class DbPostProcess
{
    public static List<DetectedText> Process(ReadOnlySpan<float> probability, int mapWidth, int mapHeight, int imageWidth, int imageHeight, DbOptions? options = null)
    {
        var o = options ?? new DbOptions();
        var results = new List<DetectedText>();
        foreach (var region in Components(probability, mapWidth, mapHeight, (float)o.Threshold).Take(o.MaxCandidates))
        {
            var (quad, w, h) = OcrMath.MinAreaRect(region);
            if (Math.Min(w, h) < o.MinSize) continue;
            var score = MeanInside(probability, mapWidth, mapHeight, quad);
            if (score < o.BoxThreshold) continue;

            var expanded = Unclip(quad, o.UnclipRatio);
            var (box, ew, eh) = OcrMath.MinAreaRect(expanded);
            if (Math.Min(ew, eh) < o.MinSize + 2) continue;

            var sx = (double)imageWidth / mapWidth;
            var sy = (double)imageHeight / mapHeight;
            var mapped = box.Select(p => new Point2(
                Math.Clamp(Math.Round(p.X * sx), 0, imageWidth),
                Math.Clamp(Math.Round(p.Y * sy), 0, imageHeight))).ToArray();
            results.Add(new DetectedText(mapped, score));
        }
        return results;
    }

    /// <summary>DB's unclip: offset the shape outward by area × ratio / perimeter.</summary>
    public static List<Point2> Unclip(IReadOnlyList<Point2> polygon, double ratio)
    {
        var perimeter = OcrMath.Perimeter(polygon);
        if (perimeter == 0) return polygon.ToList();
        var distance = PolygonMath.Area(polygon) * ratio / perimeter;
        return OcrMath.Offset(polygon, distance);
    }

    /// <summary>8-connected regions of pixels above the threshold, each as its pixel centres.</summary>
    public static IEnumerable<List<Point2>> Components(ReadOnlySpan<float> map, int width, int height, float threshold)
    {
        var label = new int[width * height];
        var regions = new List<List<Point2>>();
        var stack = new Stack<int>();
        for (int start = 0; start < label.Length; start++)
        {
            if (label[start] != 0 || map[start] <= threshold) continue;
            var pixels = new List<Point2>();
            label[start] = regions.Count + 1;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % width, y = i / width;
                pixels.Add(new Point2(x, y));
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        var j = ny * width + nx;
                        if (label[j] != 0 || map[j] <= threshold) continue;
                        label[j] = regions.Count + 1;
                        stack.Push(j);
                    }
            }
            regions.Add(pixels);
        }
        return regions;
    }

    /// <summary>Mean probability of the map's pixels whose centres lie inside <paramref name="quad"/> ("fast" score).</summary>
    public static double MeanInside(ReadOnlySpan<float> map, int width, int height, IReadOnlyList<Point2> quad)
    {
        var b = PolygonMath.BoundingBox(quad);
        int x0 = Math.Clamp((int)Math.Floor(b.X), 0, width - 1), x1 = Math.Clamp((int)Math.Ceiling(b.Right), 0, width - 1);
        int y0 = Math.Clamp((int)Math.Floor(b.Y), 0, height - 1), y1 = Math.Clamp((int)Math.Ceiling(b.Bottom), 0, height - 1);
        double sum = 0;
        int count = 0;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                if (!InsideOrOn(quad, new Point2(x, y))) continue;
                sum += map[y * width + x];
                count++;
            }
        return count == 0 ? 0 : sum / count;
    }

    static bool InsideOrOn(IReadOnlyList<Point2> polygon, Point2 p) =>
        PolygonMath.Contains(polygon, p) || PolygonMath.NearestEdge(polygon, p).Distance < 0.5;
}
