namespace LabelerWorkbench.Inference.Ocr;

/// <summary>A region a tile found, in page pixels; <see cref="Cut"/> when it touches an edge where the tile cuts the page.</summary>
public sealed record TileDetection(DetectedText Text, bool Cut);

/// <summary>
/// Joins what overlapping tiles found into one set of lines: a line seen whole by one tile and cut by its neighbour
/// is kept once, whole; pieces of a line longer than any tile are joined; text too tall for the tiles comes from a
/// whole-page pass.
/// </summary>
public static class TileMerge
{
    public static List<DetectedText> Merge(IReadOnlyList<TileDetection> tiles, IReadOnlyList<DetectedText> wholePage, int overlap)
    {
        var big = BigText(tiles, wholePage, overlap);
        var candidates = tiles.Where(t => !big.Any(b => Inside(t.Text, b) >= 0.5)).ToList();

        // Whole views first, larger first: a region almost entirely inside a kept one is the same text seen again.
        // A piece that reaches beyond it stays, to be joined: a cut piece can hold a word the kept region lacks.
        var kept = new List<TileDetection>();
        foreach (var c in candidates.OrderBy(c => c.Cut).ThenByDescending(c => Area(c.Text)))
        {
            if (kept.Any(k => Inside(c.Text, k.Text) >= 0.85 && (!c.Cut || Within(c.Text.Bounds, k.Text.Bounds, 3)))) continue;
            kept.Add(c);
        }
        return JoinPieces(kept).Concat(big).ToList();
    }

    /// <summary>
    /// Whole-page regions taller than half the overlap, unless the tiles read that area as lines much lower than
    /// the region (then the whole-page pass merged a paragraph into a blob, and the tiles are right). Heights are
    /// the bounding boxes': pieces of a cut headline may be single letters, taller than wide.
    /// </summary>
    static List<DetectedText> BigText(IReadOnlyList<TileDetection> tiles, IReadOnlyList<DetectedText> wholePage, int overlap) =>
        wholePage.Where(w => Math.Min(w.Bounds.Height, w.Bounds.Width) >= overlap / 2.0)
            .Where(w => tiles.Where(t => Inside(t.Text, w) >= 0.5).All(t => t.Text.Bounds.Height >= 0.5 * w.Bounds.Height))
            .ToList();

    /// <summary>Joins pieces that touch a cut edge with the overlapping regions of the same line (union–find).</summary>
    static IEnumerable<DetectedText> JoinPieces(List<TileDetection> kept)
    {
        var parent = Enumerable.Range(0, kept.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (int i = 0; i < kept.Count; i++)
            for (int j = i + 1; j < kept.Count; j++)
            {
                if (!kept[i].Cut && !kept[j].Cut) continue;
                if (SameLineTouching(kept[i].Text, kept[j].Text)) parent[Find(i)] = Find(j);
            }
        return kept.Select((k, i) => (k, Root: Find(i))).GroupBy(x => x.Root).Select(g =>
        {
            if (g.Count() == 1) return g.First().k.Text;
            var (corners, _, _) = OcrMath.MinAreaRect(g.SelectMany(x => x.k.Text.Quad).ToList());
            var area = g.Sum(x => Area(x.k.Text));
            return new DetectedText(corners, g.Sum(x => x.k.Text.Score * Area(x.k.Text)) / Math.Max(1e-9, area));
        });
    }

    /// <summary>Overlapping (or within 2 px) and on one line: across the line's direction they share half the smaller height.</summary>
    static bool SameLineTouching(DetectedText a, DetectedText b)
    {
        Box ba = a.Bounds, bb = b.Bounds;
        var grown = new Box(ba.X - 2, ba.Y - 2, ba.Width + 4, ba.Height + 4);
        if (grown.Intersect(bb).Area <= 0) return false;
        var horizontal = ba.Width >= ba.Height && bb.Width >= bb.Height;
        var vertical = ba.Height > ba.Width && bb.Height > bb.Width;
        if (horizontal) return Overlap(ba.Y, ba.Bottom, bb.Y, bb.Bottom) >= 0.5 * Math.Min(ba.Height, bb.Height);
        if (vertical) return Overlap(ba.X, ba.Right, bb.X, bb.Right) >= 0.5 * Math.Min(ba.Width, bb.Width);
        return false;
    }

    static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    static double Area(DetectedText d) => PolygonMath.Area(d.Quad);

    /// <summary>Whether <paramref name="inner"/> lies within <paramref name="outer"/> grown by <paramref name="slack"/> pixels.</summary>
    static bool Within(Box inner, Box outer, double slack) =>
        inner.X >= outer.X - slack && inner.Y >= outer.Y - slack && inner.Right <= outer.Right + slack && inner.Bottom <= outer.Bottom + slack;

    /// <summary>Share of <paramref name="d"/>'s area inside <paramref name="container"/>.</summary>
    static double Inside(DetectedText d, DetectedText container) =>
        PolygonMath.IntersectionArea(d.Quad, container.Quad) / Math.Max(1e-9, Area(d));

}
