using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>PP-OCR DB text detection on one page: whole or in tiles (see <see cref="DetectionSettings"/>), lines split at wide gaps.</summary>
public sealed class TextDetector(InferenceSession session, DetectionSettings settings, DbOptions? options = null)
{
    readonly string inputName = session.InputMetadata.Keys.First();

    public DetectionSettings Settings => settings;

    public List<DetectedText> Detect(SKBitmap image) => Detect(image, out _);

    /// <summary>Detects text and says where the time went (resize and normalise, the network, post-processing) and over how many tiles.</summary>
    public List<DetectedText> Detect(SKBitmap image, out DetectionTimings timings)
    {
        var clock = new TimingsClock();
        List<DetectedText> found;
        var tiles = 1;
        if (Math.Max(image.Width, image.Height) <= settings.MaxSide)
        {
            found = DetectIn(image, new SKRectI(0, 0, image.Width, image.Height), clock);
        }
        else
        {
            var plan = TilePlan.Cover(image.Width, image.Height, settings.InputSize, settings.TileOverlap);
            tiles = plan.Count + 1;
            var pieces = new List<TileDetection>();
            foreach (var tile in plan)
            {
                foreach (var d in DetectIn(image, new SKRectI(tile.X, tile.Y, tile.X + tile.Width, tile.Y + tile.Height), clock))
                    pieces.Add(new TileDetection(d, Touches(d.Bounds, tile)));
            }
            var whole = DetectIn(image, new SKRectI(0, 0, image.Width, image.Height), clock);
            clock.StartPost();
            found = TileMerge.Merge(pieces, whole, settings.TileOverlap);
            clock.EndPost();
        }
        clock.StartPost();
        using (var page = ImageTensors.View(image))
            found = LineJoiner.Join(page, found, settings.SplitGap).SelectMany(d => LineSplitter.Split(page, d, settings.SplitGap)).ToList();
        found = ReadingOrder(found);
        clock.EndPost();
        timings = clock.Result(tiles);
        return found;
    }

    /// <summary>Runs the network on one area of the page, shrunk to fit the input size, and maps the regions back to page pixels.</summary>
    List<DetectedText> DetectIn(SKBitmap image, SKRectI area, TimingsClock clock)
    {
        clock.StartPre();
        var (w, h) = OcrMath.DetectionSize(area.Width, area.Height, settings.InputSize);
        var input = new DenseTensor<float>([1, 3, h, w]);
        using (var scaled = Scaled(image, area, w, h))
            ImageTensors.WriteBgr(scaled, input.Buffer.Span, 0, w, h, ImageTensors.DetMean, ImageTensors.DetStd);
        clock.StartInference();
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        clock.StartPost();
        var map = outputs.First().AsTensor<float>();
        int mapH = map.Dimensions[^2], mapW = map.Dimensions[^1];
        var probability = map is DenseTensor<float> dense ? dense.Buffer.Span : map.ToArray();
        var found = DbPostProcess.Process(probability, mapW, mapH, area.Width, area.Height, options);
        clock.EndPost();
        if (area.Left == 0 && area.Top == 0) return found;
        var offset = new Point2(area.Left, area.Top);
        return found.Select(d => d with { Quad = d.Quad.Select(p => p + offset).ToArray() }).ToList();
    }

    /// <summary>The area as a w×h bitmap: the whole page resized as before, a tile copied at its own scale.</summary>
    static SKBitmap Scaled(SKBitmap image, SKRectI area, int w, int h)
    {
        if (area.Left == 0 && area.Top == 0 && area.Width == image.Width && area.Height == image.Height)
            return ImageTensors.Resize(image, w, h);
        var tile = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(tile);
        using var sourceImage = ImageTensors.View(image);
        canvas.DrawImage(sourceImage, area, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear), null);
        return tile;
    }

    /// <summary>Within 2 px of an edge where the tile cuts the page.</summary>
    static bool Touches(Box b, Tile t) =>
        (t.CutsLeft && b.X <= t.X + 2) || (t.CutsTop && b.Y <= t.Y + 2) ||
        (t.CutsRight && b.Right >= t.X + t.Width - 2) || (t.CutsBottom && b.Bottom >= t.Y + t.Height - 2);

    /// <summary>Top to bottom, then left to right within a line.</summary>
    static List<DetectedText> ReadingOrder(List<DetectedText> found) =>
        found.OrderBy(r => Math.Round(r.Quad[0].Y / 10)).ThenBy(r => r.Quad[0].X).ToList();

    /// <summary>Adds up the stages over all the network runs of one page.</summary>
    sealed class TimingsClock
    {
        readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        double pre, infer, post, mark;
        int stage; // 0 idle, 1 pre, 2 inference, 3 post
        void Switch(int next)
        {
            var now = watch.Elapsed.TotalMilliseconds;
            if (stage == 1) pre += now - mark; else if (stage == 2) infer += now - mark; else if (stage == 3) post += now - mark;
            (stage, mark) = (next, now);
        }
        public void StartPre() => Switch(1);
        public void StartInference() => Switch(2);
        public void StartPost() => Switch(3);
        public void EndPost() => Switch(0);
        public DetectionTimings Result(int tiles) { Switch(0); return new DetectionTimings(pre, infer, post, tiles); }
    }
}

public sealed record DetectionTimings(double PreprocessMs, double InferenceMs, double PostprocessMs, int Tiles = 1);
