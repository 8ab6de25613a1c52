using LabelerWorkbench.Inference.Ocr;
using SkiaSharp;

namespace LabelerWorkbench.Tests.Inference;

public class OcrMathTests
{
    [Theory]
    [InlineData(700, 900, 704, 896)]     // long side ≤ 960: no scaling; 700/32 = 21.9 → 22 × 32, 900/32 = 28.1 → 28 × 32
    [InlineData(1920, 1080, 960, 544)]   // scaled by 0.5 to 960×540, 540 → 544
    [InlineData(10, 10, 32, 32)]         // never under 32
    [InlineData(4000, 100, 960, 32)]
    public void DetectionSize_LimitsTheLongSideAndRoundsTo32(int w, int h, int expectedW, int expectedH)
    {
        var (rw, rh) = OcrMath.DetectionSize(w, h);
        Assert.Equal((expectedW, expectedH), (rw, rh));
    }

    [Fact]
    public void WriteBgr_NormalisesEachChannelInBgrOrder()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.SetPixel(0, 0, new SKColor(255, 0, 0));   // red
        bitmap.SetPixel(1, 0, new SKColor(0, 0, 255));   // blue
        var tensor = new float[3 * 1 * 3]; // row width 3: one padded column
        ImageTensors.WriteBgr(bitmap, tensor, 0, 3, 1, ImageTensors.DetMean, ImageTensors.DetStd);
        // Channel 0 is blue: pixel 0 has none, pixel 1 is full.
        Assert.Equal((0 - 0.485f) / 0.229f, tensor[0], 4);
        Assert.Equal((1 - 0.485f) / 0.229f, tensor[1], 4);
        Assert.Equal(0, tensor[2]); // padding untouched
        // Channel 2 is red.
        Assert.Equal((1 - 0.406f) / 0.225f, tensor[6], 4);
        Assert.Equal((0 - 0.406f) / 0.225f, tensor[7], 4);
    }

    [Fact]
    public void MinAreaRect_OfARotatedRectanglesPixels_RecoversItsSides()
    {
        // Points of a 40×10 rectangle turned by 30°.
        var angle = Math.PI / 6;
        var points = new List<Point2>();
        for (double u = 0; u <= 40; u += 1)
            for (double v = 0; v <= 10; v += 1)
                points.Add(new Point2(100 + u * Math.Cos(angle) - v * Math.Sin(angle), 100 + u * Math.Sin(angle) + v * Math.Cos(angle)));
        var (corners, w, h) = OcrMath.MinAreaRect(points);
        Assert.Equal(40, Math.Max(w, h), 1);
        Assert.Equal(10, Math.Min(w, h), 1);
        Assert.Equal(4, corners.Length);
        Assert.Equal(400, PolygonMath.Area(corners), 0);
    }

    [Fact]
    public void OrderCorners_GivesTopLeftTopRightBottomRightBottomLeft()
    {
        var ordered = OcrMath.OrderCorners([new(10, 5), new(0, 6), new(0, 0), new(10, 0)]);
        Assert.Equal([new Point2(0, 0), new Point2(10, 0), new Point2(10, 5), new Point2(0, 6)], ordered);
    }

    [Fact]
    public void Unclip_GrowsARectangleByAreaTimesRatioOverPerimeter()
    {
        List<Point2> box = [new(0, 0), new(100, 0), new(100, 20), new(0, 20)];
        // d = 2000 × 1.5 / 240 = 12.5 on every side.
        var grown = DbPostProcess.Unclip(box, 1.5);
        var (_, w, h) = OcrMath.MinAreaRect(grown);
        Assert.Equal(125, Math.Max(w, h), 0);
        Assert.Equal(45, Math.Min(w, h), 0);
        var bounds = PolygonMath.BoundingBox(grown);
        Assert.Equal(-12.5, bounds.X, 1);
        Assert.Equal(32.5, bounds.Bottom, 1);
    }

    [Fact]
    public void Offset_WorksForEitherWinding()
    {
        List<Point2> square = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)];
        var a = PolygonMath.Area(OcrMath.Offset(square, 2));
        var b = PolygonMath.Area(OcrMath.Offset(square.AsEnumerable().Reverse().ToList(), 2));
        // 10×10 + four 10×2 strips + four quarter circles of radius 2 = 100 + 80 + 4π; the arcs are
        // approximated by chords, so a little less.
        Assert.InRange(a, 100 + 80 + 4 * Math.PI - 0.3, 100 + 80 + 4 * Math.PI);
        Assert.Equal(a, b, 6);
    }

    [Fact]
    public void DbPostProcess_FindsOneBoxPerBlob_ScoresAndMapsBackToTheImage()
    {
        // A 64×32 map with two blobs: a strong one and a weak one (score under 0.6).
        const int w = 64, h = 32;
        var map = new float[w * h];
        for (int y = 8; y < 16; y++) for (int x = 4; x < 36; x++) map[y * w + x] = 0.9f;
        for (int y = 20; y < 28; y++) for (int x = 40; x < 60; x++) map[y * w + x] = 0.4f;
        var found = DbPostProcess.Process(map, w, h, imageWidth: 128, imageHeight: 64);
        var text = Assert.Single(found);
        Assert.InRange(text.Score, 0.85, 0.95);
        var b = text.Bounds;
        // Blob spans x 4..35, y 8..15 in the map (pixel centres); unclip grows it, and ×2 maps it to the image.
        Assert.InRange(b.X, 0, 8);
        Assert.InRange(b.Right, 72, 84);
        Assert.InRange(b.Y, 6, 16);
        Assert.InRange(b.Bottom, 30, 40);
    }

    [Fact]
    public void Components_AreEightConnected()
    {
        var map = new float[]
        {
            1, 0, 0, 0,
            0, 1, 0, 1,
            0, 0, 0, 1,
        };
        var regions = DbPostProcess.Components(map, 4, 3, 0.5f).ToList();
        Assert.Equal(2, regions.Count);
        Assert.Equal(2, regions[0].Count);
    }

    [Fact]
    public void Homography_MapsTheFourCorners()
    {
        Point2[] from = [new(10, 20), new(110, 30), new(105, 70), new(5, 60)];
        Point2[] to = [new(0, 0), new(100, 0), new(100, 40), new(0, 40)];
        var m = ImageTensors.Homography(from, to);
        for (int i = 0; i < 4; i++)
        {
            var p = m.MapPoint((float)from[i].X, (float)from[i].Y);
            Assert.Equal(to[i].X, p.X, 2);
            Assert.Equal(to[i].Y, p.Y, 2);
        }
    }
}

public class OrientationTests
{
    /// <summary>A 3×2 image with a marked top-left pixel; each EXIF origin must bring the mark where a browser shows it.</summary>
    [Theory]
    [InlineData(SKEncodedOrigin.TopLeft, 3, 2, 0, 0)]
    [InlineData(SKEncodedOrigin.TopRight, 3, 2, 2, 0)]
    [InlineData(SKEncodedOrigin.BottomRight, 3, 2, 2, 1)]
    [InlineData(SKEncodedOrigin.BottomLeft, 3, 2, 0, 1)]
    [InlineData(SKEncodedOrigin.LeftTop, 2, 3, 0, 0)]
    [InlineData(SKEncodedOrigin.RightTop, 2, 3, 1, 0)]
    [InlineData(SKEncodedOrigin.RightBottom, 2, 3, 1, 2)]
    [InlineData(SKEncodedOrigin.LeftBottom, 2, 3, 0, 2)]
    public void Upright_PutsTheStoredTopLeftPixelWhereTheOrientationSays(SKEncodedOrigin origin, int w, int h, int x, int y)
    {
        var source = new SKBitmap(new SKImageInfo(3, 2, SKColorType.Rgba8888, SKAlphaType.Premul));
        source.Erase(SKColors.Black);
        source.SetPixel(0, 0, SKColors.White);
        using var upright = origin == SKEncodedOrigin.TopLeft ? source : ImageTensors.Upright(source, origin);
        Assert.Equal((w, h), (upright.Width, upright.Height));
        Assert.Equal(SKColors.White, upright.GetPixel(x, y));
        Assert.Equal(1, Enumerable.Range(0, w * h).Count(i => upright.GetPixel(i % w, i / w) == SKColors.White));
    }
}
