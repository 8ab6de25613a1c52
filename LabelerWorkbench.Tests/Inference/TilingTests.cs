using LabelerWorkbench.Inference.Ocr;
using SkiaSharp;

namespace LabelerWorkbench.Tests.Inference;

/// <summary>How a large page is cut into tiles, how what the tiles found is joined, and where a line is split.</summary>
public class TilingTests
{
    private static readonly string Fonts = Path.Combine(AppContext.BaseDirectory, "assets", "fonts");

    [Theory]
    [InlineData(4000, 3000, 960, 160)]
    [InlineData(2000, 1500, 960, 160)]
    [InlineData(961, 5000, 960, 0)]
    [InlineData(500, 400, 960, 160)]
    public void Tiles_CoverThePage_OverlapByAtLeastTheOverlap_AndStayInside(int width, int height, int size, int overlap)
    {
        var tiles = TilePlan.Cover(width, height, size, overlap);
        Assert.All(tiles, t => Assert.True(t.X >= 0 && t.Y >= 0 && t.X + t.Width <= width && t.Y + t.Height <= height && t.Width <= size && t.Height <= size));
        // Every pixel of a grid of probes lies in some tile.
        for (int y = 0; y < height; y += 37)
            for (int x = 0; x < width; x += 37)
                Assert.Contains(tiles, t => x >= t.X && x < t.X + t.Width && y >= t.Y && y < t.Y + t.Height);
        // Horizontal neighbours share at least the overlap.
        foreach (var row in tiles.GroupBy(t => t.Y))
        {
            var xs = row.OrderBy(t => t.X).ToList();
            for (int i = 1; i < xs.Count; i++) Assert.True(xs[i - 1].X + xs[i - 1].Width - xs[i].X >= overlap);
        }
        // Edges that cut the page are marked; the page's own edges are not.
        Assert.All(tiles, t => Assert.Equal(t.X > 0, t.CutsLeft));
        Assert.All(tiles, t => Assert.Equal(t.X + t.Width < width, t.CutsRight));
    }

    private static DetectedText Quad(double x, double y, double w, double h) =>
        new([new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h)], 0.9);

    [Fact]
    public void ALineSeenWholeByOneTile_AndCutByItsNeighbour_IsKeptOnceWhole()
    {
        var whole = new TileDetection(Quad(700, 100, 200, 30), Cut: false);
        var piece = new TileDetection(Quad(800, 100, 100, 30), Cut: true);
        var merged = TileMerge.Merge([piece, whole], [], overlap: 160);
        var only = Assert.Single(merged);
        Assert.Equal(new Box(700, 100, 200, 30), only.Bounds);
    }

    [Fact]
    public void PiecesOfALineLongerThanATile_AreJoined_ButTheLinesAboveAndBelowAreNot()
    {
        var left = new TileDetection(Quad(100, 500, 860, 30), Cut: true);   // cut at x = 960
        var right = new TileDetection(Quad(800, 502, 900, 30), Cut: true);  // cut at x = 800
        var below = new TileDetection(Quad(800, 545, 300, 30), Cut: true);
        var merged = TileMerge.Merge([left, right, below], [], overlap: 160);
        Assert.Equal(2, merged.Count);
        var line = merged.Single(m => m.Bounds.Width > 1000);
        Assert.InRange(line.Bounds.X, 99, 101);
        Assert.InRange(line.Bounds.Right, 1699, 1701);
    }

    [Fact]
    public void TextTallerThanTheTilesSee_ComesFromTheWholePagePass_AndAParagraphBlobDoesNot()
    {
        // A 300 px headline: the tiles saw only cut letters of it, as tall as the headline.
        var headline = Quad(100, 100, 2500, 300);
        var letters = new[] { new TileDetection(Quad(900, 110, 60, 280), Cut: true), new TileDetection(Quad(1000, 110, 150, 280), Cut: false) };
        var withHeadline = TileMerge.Merge(letters, [headline], overlap: 160);
        Assert.Equal(headline.Bounds, Assert.Single(withHeadline).Bounds);

        // The whole-page pass joined three small lines into one tall blob; the tiles read them as lines.
        var blob = Quad(100, 1000, 800, 120);
        var lines = Enumerable.Range(0, 3).Select(i => new TileDetection(Quad(100, 1000 + i * 40, 800, 30), Cut: false)).ToList();
        var withBlob = TileMerge.Merge(lines, [blob], overlap: 160);
        Assert.Equal(3, withBlob.Count);
        Assert.DoesNotContain(withBlob, d => d.Bounds == blob.Bounds);
    }

    /// <summary>Renders phrases on one baseline, each at its x, and the quad around all of them (as the detector's map gives).</summary>
    private static (SKBitmap Image, DetectedText Line) OneLine(string font, float size, params (string Text, float X)[] phrases)
    {
        var bitmap = new SKBitmap(new SKImageInfo(1200, 200, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFile(Path.Combine(Fonts, font));
        using var skFont = new SKFont(typeface, size);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        float left = float.MaxValue, right = 0, top = float.MaxValue, bottom = 0;
        foreach (var (text, x) in phrases)
        {
            canvas.DrawText(text, x, 100, SKTextAlign.Left, skFont, paint);
            skFont.MeasureText(text, out var b, paint);
            (left, right, top, bottom) = (Math.Min(left, x + b.Left), Math.Max(right, x + b.Right), Math.Min(top, 100 + b.Top), Math.Max(bottom, 100 + b.Bottom));
        }
        var pad = size * 0.4f;
        return (bitmap, Quad(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad));
    }

    [Theory]
    [InlineData("DejaVuSans.ttf")]
    [InlineData("DejaVuSansMono.ttf")]
    public void TwoPhrases20PxApartOnOneBaseline_AreSplit(string font)
    {
        // The case from the issue: "Email 64730" and "box paid" side by side at 14 px, 20 px apart.
        using var measure = new SKFont(SKTypeface.FromFile(Path.Combine(Fonts, font)), 14);
        var first = measure.MeasureText("Email 64730");
        var (image, line) = OneLine(font, 14, ("Email 64730", 100), ("box paid", 100 + first + 20));
        using (image)
        {
            using var page = ImageTensors.View(image);
            var parts = LineSplitter.Split(page, line, new DetectionSettings().SplitGap).ToList();
            Assert.Equal(2, parts.Count);
            Assert.True(parts[0].Bounds.Right <= 100 + first + 12, "the first part ends in the gap");
        }
    }

    [Theory]
    [InlineData("DejaVuSans.ttf", 14)]
    [InlineData("DejaVuSans.ttf", 40)]
    [InlineData("DejaVuSansMono.ttf", 14)]
    [InlineData("DejaVuSansMono.ttf", 40)]
    public void WordSpaces_DottedLeaders_AndPunctuation_DoNotSplitALine(string font, float size)
    {
        foreach (var text in new[] { "Name: Ada Lovelace", "Coffee . . . . . . 3.50", "Total due 128.40 EUR", "1 234 567 kg" })
        {
            var (image, line) = OneLine(font, size, (text, 50));
            using (image)
            using (var page = ImageTensors.View(image))
                Assert.Single(LineSplitter.Split(page, line, new DetectionSettings().SplitGap));
        }
    }
}
