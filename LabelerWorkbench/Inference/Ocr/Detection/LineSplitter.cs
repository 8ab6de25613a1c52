using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// Splits a detected line where its ink has a gap wider than a given number of ink heights: the detector's map
/// bridges two phrases that sit ~1 em apart on one baseline ("Email 64730" and "box paid" become one region),
/// while word spaces are a quarter to half of that. Dotted leaders and punctuation do not split a line.
/// </summary>
public static class LineSplitter
{
    public static IEnumerable<DetectedText> Split(SKImage page, DetectedText line, double gapInkHeights)
    {
        var q = line.Quad;
        double Len(Point2 a, Point2 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        // Only lines that run along their long side left to right; tall regions are read turned and left whole.
        if (Len(q[0], q[1]) < 2 * Len(q[0], q[3])) return [line];
        using var crop = ImageTensors.CropQuad(page, q);
        var cuts = Spans(crop, gapInkHeights);
        if (cuts.Count < 2) return [line];
        var (tl, tr, br, bl) = (q[0], q[1], q[2], q[3]);
        return cuts.Select(c =>
        {
            double a = (double)c.Start / crop.Width, b = (double)c.End / crop.Width;
            return new DetectedText([tl + (tr - tl) * a, tl + (tr - tl) * b, bl + (br - bl) * b, bl + (br - bl) * a], line.Score);
        }).ToList();
    }

    /// <summary>
    /// The column ranges of the crop's pieces: ink found with Otsu's threshold (the minority class is the ink, so light
    /// text on dark works), its height from the rows that hold ink, its gaps from the columns of those rows.
    /// Inner ends sit a little outside the ink (as far as the detector's own margin, at most half the gap); the
    /// outer ends stay where the detector put them.
    /// </summary>
    public static List<(int Start, int End)> Spans(SKBitmap crop, double gapInkHeights)
    {
        int w = crop.Width, h = crop.Height;
        if (w < 8 || h < 4) return [(0, w)];
        var luma = new byte[w * h];
        var pixels = crop.GetPixelSpan();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var i = y * crop.RowBytes + 4 * x;
                luma[y * w + x] = (byte)((pixels[i] * 77 + pixels[i + 1] * 150 + pixels[i + 2] * 29) >> 8);
            }
        var threshold = Otsu(luma);
        var dark = luma.Count(v => v <= threshold);
        bool darkInk = dark <= luma.Length - dark;
        bool Ink(int x, int y) => darkInk ? luma[y * w + x] <= threshold : luma[y * w + x] > threshold;

        var rows = new int[h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) if (Ink(x, y)) rows[y]++;
        var peak = rows.Max();
        if (peak == 0) return [(0, w)];
        // Ascenders and descenders count (2 % of the busiest row): measured by the x-height alone, a monospace font's word space looked like a gap.
        int top = Array.FindIndex(rows, r => r >= 0.02 * peak), bottom = Array.FindLastIndex(rows, r => r >= 0.02 * peak);
        var inkHeight = bottom - top + 1;
        var minGap = gapInkHeights * inkHeight;

        var columns = new bool[w];
        for (int x = 0; x < w; x++)
            for (int y = top; y <= bottom && !columns[x]; y++) columns[x] = Ink(x, y);

        // Ink runs, then the gaps between them; specks narrower than a third of the ink height never stand alone.
        var runs = new List<(int Start, int End)>();
        for (int x = 0; x < w;)
        {
            if (!columns[x]) { x++; continue; }
            var start = x;
            while (x < w && columns[x]) x++;
            runs.Add((start, x));
        }
        var pieces = new List<(int Start, int End)>();
        foreach (var run in runs)
        {
            if (pieces.Count > 0 && run.Start - pieces[^1].End < minGap) pieces[^1] = (pieces[^1].Start, run.End);
            else pieces.Add(run);
        }
        pieces = pieces.Where(p => p.End - p.Start >= inkHeight / 3.0).ToList();
        if (pieces.Count < 2) return [(0, w)];
        var margin = Math.Max(pieces[0].Start, w - pieces[^1].End);
        var spans = new List<(int Start, int End)>();
        for (int i = 0; i < pieces.Count; i++)
        {
            var start = i == 0 ? 0 : Math.Max((pieces[i - 1].End + pieces[i].Start) / 2, pieces[i].Start - margin);
            var end = i == pieces.Count - 1 ? w : Math.Min((pieces[i].End + pieces[i + 1].Start) / 2, pieces[i].End + margin);
            spans.Add((start, end));
        }
        return spans;
    }

    /// <summary>Otsu's threshold on 8-bit values: the level that best separates two classes.</summary>
    static int Otsu(byte[] values)
    {
        var histogram = new int[256];
        foreach (var v in values) histogram[v]++;
        double total = values.Length, sum = 0;
        for (int i = 0; i < 256; i++) sum += i * histogram[i];
        double sumBelow = 0, weightBelow = 0, best = -1;
        var level = 127;
        for (int t = 0; t < 256; t++)
        {
            weightBelow += histogram[t];
            if (weightBelow == 0) continue;
            var weightAbove = total - weightBelow;
            if (weightAbove == 0) break;
            sumBelow += t * histogram[t];
            double meanBelow = sumBelow / weightBelow, meanAbove = (sum - sumBelow) / weightAbove;
            var between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) { best = between; level = t; }
        }
        return level;
    }
}
