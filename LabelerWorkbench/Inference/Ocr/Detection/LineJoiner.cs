using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// Joins neighbouring regions of one line whose ink gap is narrower than the split gap. At a page's own scale the
/// detector often sees each word of a line apart (at 960 px it saw them joined), and a tile border can leave a
/// word's piece beside it; joining first and splitting at wide gaps after (<see cref="LineSplitter"/>) gives one
/// rule for what a region is, whatever the scale: the ink between two wide gaps.
/// </summary>
public static class LineJoiner
{
    public static List<DetectedText> Join(SKImage page, IReadOnlyList<DetectedText> regions, double gapInkHeights)
    {
        var boxes = regions.Select(r => r.Bounds).ToArray();
        var parent = Enumerable.Range(0, regions.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        // Row bands so a page of 3,000 regions does not compare every pair.
        var bandHeight = Math.Max(8, boxes.Select(b => b.Height).DefaultIfEmpty(32).Max());
        var bands = Enumerable.Range(0, regions.Count).GroupBy(i => (int)(boxes[i].Y / bandHeight)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var i in Enumerable.Range(0, regions.Count).OrderBy(i => boxes[i].X))
        {
            var band = (int)(boxes[i].Y / bandHeight);
            var right = Enumerable.Range(band - 1, 3).SelectMany(b => bands.TryGetValue(b, out var list) ? list : [])
                .Where(j => j != i && IsNextOnLine(boxes[i], boxes[j])).OrderBy(j => boxes[j].X).FirstOrDefault(-1);
            if (right < 0 || Find(i) == Find(right)) continue;
            var union = Union([regions[i], regions[right]]);
            using var crop = ImageTensors.CropQuad(page, union.Quad);
            if (LineSplitter.Spans(crop, gapInkHeights).Count == 1) parent[Find(right)] = Find(i);
        }
        return Enumerable.Range(0, regions.Count).GroupBy(Find)
            .Select(g => g.Count() == 1 ? regions[g.Key] : Union(g.Select(i => regions[i]).ToList())).ToList();
    }

    /// <summary>
    /// <paramref name="b"/> starts to the right of <paramref name="a"/>'s middle, within two line heights of its end, on
    /// the same line: both wider than tall, similar heights, sharing 60 % of the smaller height.
    /// </summary>
    static bool IsNextOnLine(Box a, Box b)
    {
        if (a.Width < 0.8 * a.Height || b.Width < 0.8 * b.Height) return false;
        var h = Math.Max(a.Height, b.Height);
        if (b.X <= a.X + a.Width / 2 || b.X - a.Right > 2 * h) return false;
        if (Math.Max(a.Height, b.Height) > 1.6 * Math.Min(a.Height, b.Height)) return false;
        var shared = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        return shared >= 0.6 * Math.Min(a.Height, b.Height);
    }

    static DetectedText Union(IReadOnlyList<DetectedText> parts)
    {
        var (corners, _, _) = OcrMath.MinAreaRect(parts.SelectMany(p => p.Quad).ToList());
        var area = parts.Sum(p => PolygonMath.Area(p.Quad));
        return new DetectedText(corners, parts.Sum(p => p.Score * PolygonMath.Area(p.Quad)) / Math.Max(1e-9, area));
    }
}
