using System.Diagnostics;
using System.Text.Json;
using LabelerWorkbench.Inference.Ocr;
using SkiaSharp;

using LabelerWorkbench.Cli;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>bench [--images DIR] [--runs N] [--node FILE.json] [OCR settings]</c>: times the OCR pipeline stage by stage over the
/// images (after a warm-up pass) and, given the output of <c>ocr-node-bench.mjs</c>, compares throughput and
/// detections with @gutenye/ocr-node on the same images.
/// </summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "assets");
        var dir = CliArgs.PathOption(args, "--images") ?? Path.Combine(assets, "samples");
        var runs = CliArgs.IntOption(args, "--runs", 5, 1, 1000);
        var nodeFile = CliArgs.PathOption(args, "--node");
        var files = !Directory.Exists(dir) ? [] : Directory.GetFiles(dir).Where(f => f.EndsWith(".png") || f.EndsWith(".jpg") || f.EndsWith(".jpeg")).Order().ToList();
        if (!Directory.Exists(dir)) throw new CliUsageException($"no folder '{dir}'");
        if (nodeFile is not null && !File.Exists(nodeFile)) throw new CliUsageException($"no file '{nodeFile}'");
        if (files.Count == 0) throw new CliUsageException($"no .png or .jpg images in '{dir}'");

        var load = Stopwatch.StartNew();
        var (registry, engine) = OcrCliOptions.Open(args);
        using var _ = registry;
        var loadMs = load.Elapsed.TotalMilliseconds;

        // Each timed pass reads and decodes the file too, as ocr-node's detect(path) does.
        var images = files.Select(f => (Name: Path.GetFileName(f), Path: f)).ToList();
        var last = new Dictionary<string, OcrResult>();
        var decodeMs = new List<double>();
        OcrResult Pass(string path)
        {
            var clock = Stopwatch.StartNew();
            using var bitmap = ImageTensors.Decode(File.ReadAllBytes(path));
            decodeMs.Add(clock.Elapsed.TotalMilliseconds);
            return engine.Run(bitmap);
        }
        foreach (var (name, path) in images) last[name] = Pass(path); // warm-up
        decodeMs.Clear();
        var timings = new List<OcrTimings>();
        var perImage = images.ToDictionary(i => i.Name, _ => new List<double>());
        var total = new List<double>();
        for (int run = 0; run < runs; run++)
            foreach (var (name, path) in images)
            {
                var clock = Stopwatch.StartNew();
                var result = Pass(path);
                var ms = clock.Elapsed.TotalMilliseconds;
                timings.Add(result.Timings);
                perImage[name].Add(ms);
                total.Add(ms);
                last[name] = result;
            }
        total.Sort();
        var lines = last.Values.Sum(x => x.Regions.Count);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"ONNX Runtime: {registry.Threading.IntraOpThreads} intra-op threads, spinning {(registry.Threading.AllowSpinning ? "on" : "off")}; detection {engine.Detection}");
        Console.WriteLine($"Images: {images.Count} from {dir}, {runs} timed runs after a warm-up; {lines} text lines found per pass");
        Console.WriteLine();
        Console.WriteLine("| stage | mean ms per image |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(Row("model load (checksums + sessions), once", loadMs));
        Console.WriteLine(Row("read + decode the file", decodeMs.Average()));
        Console.WriteLine(Row("detection: resize + normalise", timings.Average(t => t.Detection.PreprocessMs)));
        Console.WriteLine(Row("detection: network", timings.Average(t => t.Detection.InferenceMs)));
        Console.WriteLine(Row("detection: DB post-processing", timings.Average(t => t.Detection.PostprocessMs)));
        Console.WriteLine(Row("recognition: crops + network + CTC", timings.Average(t => t.RecognizeMs)));
        Console.WriteLine(Row("whole pipeline, file to regions", total.Average()));
        Console.WriteLine();
        var dotnetRate = 1000.0 / total.Average();
        Console.WriteLine(FormattableString.Invariant($"LabelerWorkbench: {dotnetRate:0.00} images/s, p50 {Percentile(total, 0.5):0} ms, p95 {Percentile(total, 0.95):0} ms"));

        if (nodeFile is not null) CompareWithNode(nodeFile, last, perImage, dotnetRate);
        return 0;
    }

    static void CompareWithNode(string file, Dictionary<string, OcrResult> ours, Dictionary<string, List<double>> ourMs, double ourRate)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        var nodeMs = new List<double>();
        int matched = 0, theirs = 0, mine = 0, sameText = 0, pageEdits = 0, pageChars = 0;
        Console.WriteLine();
        Console.WriteLine("| image | .NET ms (p50) | ocr-node ms (p50) | .NET lines | ocr-node lines | matched (IoU ≥ 0.5) | same text |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var entry in root.GetProperty("perImage").EnumerateArray())
        {
            var name = entry.GetProperty("image").GetString()!;
            var ms = entry.GetProperty("ms").EnumerateArray().Select(x => x.GetDouble()).Order().ToList();
            nodeMs.AddRange(ms);
            var their = entry.GetProperty("regions").EnumerateArray().Select(x => (
                Polygon: (IReadOnlyList<Point2>)x.GetProperty("polygon").EnumerateArray().Select(p => new Point2(p[0].GetDouble(), p[1].GetDouble())).ToList(),
                Text: x.GetProperty("text").GetString() ?? "")).ToList();
            if (!ours.TryGetValue(name, out var result)) continue;
            var (m, same) = Match(result.Regions, their);
            matched += m; sameText += same; theirs += their.Count; mine += result.Regions.Count;
            // Page text in reading order without spaces: agreement on what was read, whatever the line splits.
            var ourText = string.Concat(result.Regions.OrderBy(x => Math.Round(x.Polygon[0].Y / 20)).ThenBy(x => x.Polygon[0].X).Select(x => x.Text)).Replace(" ", "");
            var theirText = string.Concat(their.OrderBy(x => Math.Round(x.Polygon[0].Y / 20)).ThenBy(x => x.Polygon[0].X).Select(x => x.Text)).Replace(" ", "");
            pageEdits += TextDistance.Levenshtein(ourText, theirText);
            pageChars += Math.Max(ourText.Length, theirText.Length);
            Console.WriteLine(FormattableString.Invariant($"| {name} | {Percentile(ourMs[name].Order().ToList(), 0.5):0} | {Percentile(ms, 0.5):0} | {result.Regions.Count} | {their.Count} | {m} | {same} |"));
        }
        var nodeRate = 1000.0 / nodeMs.Average();
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"@gutenye/ocr-node: {nodeRate:0.00} images/s (model load {root.GetProperty("loadMs").GetDouble():0} ms)"));
        Console.WriteLine(FormattableString.Invariant($"Throughput ratio .NET / Node: {ourRate / nodeRate:0.00}×"));
        Console.WriteLine(FormattableString.Invariant($"Detections: {matched} of {mine} (.NET) and {theirs} (Node) regions match one-to-one at IoU ≥ 0.5; {sameText} of those read the same text"));
        Console.WriteLine(FormattableString.Invariant($"Page text (reading order, spaces ignored): {1 - (double)pageEdits / Math.Max(1, pageChars):P1} the same"));
    }

    /// <summary>Greedy one-to-one matching by IoU, best pairs first.</summary>
    static (int Matched, int SameText) Match(IReadOnlyList<OcrRegion> ours, List<(IReadOnlyList<Point2> Polygon, string Text)> theirs)
    {
        var pairs = new List<(double IoU, int A, int B)>();
        for (int a = 0; a < ours.Count; a++)
            for (int b = 0; b < theirs.Count; b++)
            {
                var iou = PolygonMath.IoU(ours[a].Polygon, theirs[b].Polygon);
                if (iou >= 0.5) pairs.Add((iou, a, b));
            }
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        int matched = 0, same = 0;
        foreach (var (_, a, b) in pairs.OrderByDescending(p => p.IoU))
        {
            if (!usedA.Add(a) || !usedB.Add(b)) continue;
            matched++;
            if (ours[a].Text.Replace(" ", "") == theirs[b].Text.Replace(" ", "")) same++;
        }
        return (matched, same);
    }

    static string Row(string stage, double ms) => FormattableString.Invariant($"| {stage} | {ms:0.0} |");

    static double Percentile(IReadOnlyList<double> sorted, double p) => Cli.PreannotateCommand.Percentile(sorted, p);
}
