using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>bench-dense [--size WxH] [--words N] [--pages N] [--seed S] [--fonts DIR] [--show-errors N] [OCR settings]</c>: the whole OCR
/// pipeline on generated dense pages (<see cref="DensePage"/>): recall of phrases (a region at IoU ≥ 0.5), the
/// character error rate of the matched ones with spaces, and the time per megapixel; then a closing JSON line.
/// </summary>
public static class DenseBench
{
    public static int Run(string[] args)
    {
        var (width, height) = Size(CliArgs.Option(args, "--size") ?? "4000x3000");
        var words = CliArgs.IntOption(args, "--words", 3000, 1, 1_000_000);
        var pages = CliArgs.IntOption(args, "--pages", 1, 1, 1000);
        var seed = CliArgs.IntOption(args, "--seed", 1);
        var showErrors = CliArgs.IntOption(args, "--show-errors", 0, 0, 10_000);
        var fonts = TextBench.Fonts(args);
        var (registry, engine) = OcrCliOptions.Open(args);
        using var _ = registry;

        var rng = new Random(seed);
        Console.WriteLine($"{pages} page(s) of {width}×{height} with {words} words, {fonts.Count} fonts, seed {seed}; detection {engine.Detection}; " +
                          $"ONNX Runtime {registry.Threading.IntraOpThreads} threads, spinning {(registry.Threading.AllowSpinning ? "on" : "off")}");
        int phrases = 0, found = 0, chars = 0, edits = 0, regions = 0, tiles = 0;
        double seconds = 0, cpuSeconds = 0, detectSeconds = 0, megapixels = 0, pre = 0, net = 0, post = 0;
        for (int p = 0; p < pages; p++)
        {
            var (image, truth) = DensePage.Render(rng, width, height, words, fonts);
            using (image)
            {
                var clock = Stopwatch.StartNew();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = engine.Run(image);
                seconds += clock.Elapsed.TotalSeconds;
                cpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                detectSeconds += result.Timings.DetectMs / 1000;
                megapixels += width * height / 1e6;
                regions += result.Regions.Count;
                tiles += result.Timings.Detection.Tiles;
                (pre, net, post) = (pre + result.Timings.Detection.PreprocessMs, net + result.Timings.Detection.InferenceMs, post + result.Timings.Detection.PostprocessMs);
                var score = Score(truth, result.Regions, showErrors);
                (phrases, found, chars, edits) = (phrases + truth.Count, found + score.Found, chars + score.Chars, edits + score.Edits);
            }
        }
        double recall = (double)found / Math.Max(1, phrases), cer = (double)edits / Math.Max(1, chars);
        Console.WriteLine(FormattableString.Invariant(
            $"phrases {phrases}, regions {regions}, recall {recall:P1}, CER with spaces {cer:P2}, {tiles / pages} network runs per page, {seconds / pages:0.0} s per page ({detectSeconds / pages:0.0} s detection), {seconds / megapixels:0.00} s per megapixel ({cpuSeconds / megapixels:0.00} CPU-seconds per megapixel)"));
        Console.WriteLine(FormattableString.Invariant($"time per page: detection pre-processing {pre / pages / 1000:0.0} s, network {net / pages / 1000:0.0} s, post-processing {post / pages / 1000:0.0} s; recognition {(seconds - detectSeconds) / pages:0.0} s"));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            size = $"{width}x{height}", words, pages, seed, max_side = engine.Detection.MaxSide, tile_overlap = engine.Detection.TileOverlap,
            split_gap = engine.Detection.SplitGap, threads = registry.Threading.IntraOpThreads, phrases, regions,
            recall = Math.Round(recall, 4), cer = Math.Round(cer, 5),
            seconds_per_page = Math.Round(seconds / pages, 2), seconds_per_megapixel = Math.Round(seconds / megapixels, 3), cpu_seconds_per_megapixel = Math.Round(cpuSeconds / megapixels, 3),
        }));
        return 0;
    }

    /// <summary>Each true phrase's best region by IoU; found at IoU ≥ 0.5, its text compared with spaces normalised.</summary>
    /// <param name="show">How many misses and misreadings to print.</param>
    public static (int Found, int Chars, int Edits) Score(IReadOnlyList<TruthPhrase> truth, IReadOnlyList<OcrRegion> regions, int show = 0)
    {
        // Regions indexed by row band, so 3,000 phrases do not each scan 3,000 regions.
        var bands = regions.GroupBy(r => (int)(PolygonMath.BoundingBox(r.Polygon).Y / 64)).ToDictionary(g => g.Key, g => g.ToList());
        int found = 0, chars = 0, edits = 0;
        foreach (var phrase in truth)
        {
            var band = (int)(phrase.Box.Y / 64);
            var near = Enumerable.Range(band - 2, 4).SelectMany(b => bands.TryGetValue(b, out var list) ? list : []);
            var best = near.Select(r => (r, IoU: PolygonMath.IoU(r.Polygon, phrase.Box.Corners()))).OrderByDescending(x => x.IoU).FirstOrDefault();
            var read = best.r is null ? "" : string.Join(' ', best.r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if ((best.IoU < 0.5 || read != phrase.Text) && show-- > 0)
                Console.WriteLine(FormattableString.Invariant($"  {(best.IoU < 0.5 ? "missed" : "misread")}: '{phrase.Text}' at {phrase.Box.X:0},{phrase.Box.Y:0} {phrase.Box.Width:0}×{phrase.Box.Height:0}; best region IoU {best.IoU:0.00} '{read}'"));
            if (best.r is null || best.IoU < 0.5) continue;
            found++;
            edits += TextDistance.Levenshtein(phrase.Text, read);
            chars += phrase.Text.Length;
        }
        return (found, chars, edits);
    }

    static (int Width, int Height) Size(string text)
    {
        var parts = text.Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w is >= 64 and <= 20_000 && h is >= 64 and <= 20_000)
            return (w, h);
        throw new CliUsageException($"option '--size' needs WIDTHxHEIGHT, each 64–20000 px, not '{text}'");
    }
}
