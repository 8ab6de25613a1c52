namespace LabelerWorkbench.Inference.Ocr;

/// <summary>A tile of the page in pixels; an inner edge is one that cuts the page (not the page's own border).</summary>
public readonly record struct Tile(int X, int Y, int Width, int Height, bool CutsLeft, bool CutsTop, bool CutsRight, bool CutsBottom);

public static class TilePlan
{
    /// <summary>
    /// Tiles of <paramref name="size"/> covering the page, neighbours sharing at least <paramref name="overlap"/> pixels;
    /// the last tile of a row or column sits flush with the page's edge so every tile is whole.
    /// </summary>
    public static IReadOnlyList<Tile> Cover(int width, int height, int size, int overlap)
    {
        var xs = Starts(width, size, overlap);
        var ys = Starts(height, size, overlap);
        var tiles = new List<Tile>(xs.Count * ys.Count);
        foreach (var y in ys)
            foreach (var x in xs)
            {
                int w = Math.Min(size, width - x), h = Math.Min(size, height - y);
                tiles.Add(new Tile(x, y, w, h, x > 0, y > 0, x + w < width, y + h < height));
            }
        return tiles;
    }

    static List<int> Starts(int length, int size, int overlap)
    {
        if (length <= size) return [0];
        var step = Math.Max(1, size - overlap);
        var count = (int)Math.Ceiling((double)(length - size) / step) + 1;
        // Spread evenly: the first at 0, the last flush with the end, overlaps at least the requested one.
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * (length - size) / (count - 1))).Distinct().ToList();
    }
}
