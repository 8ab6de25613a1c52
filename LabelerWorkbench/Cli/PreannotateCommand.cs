using System.Diagnostics;
using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Cli;

/// <summary>
/// <c>preannotate --images DIR --out FILE.jsonl [OCR settings]</c>: runs the default OCR models over every image in DIR
/// without a server, one JSON line per image, with a progress bar and a closing speed line.
/// </summary>
public static class PreannotateCommand
{
    static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    public static int Run(string[] args)
    {
        var images = CliArgs.PathOption(args, "--images");
        var output = CliArgs.PathOption(args, "--out");
        if (images is null || output is null) throw new CliUsageException("--images DIR and --out FILE.jsonl are both needed");
        if (!Directory.Exists(images)) throw new CliUsageException($"no folder '{images}'");
        var (registry, engine) = OcrCliOptions.Open(args);
        using var _ = registry;
        var files = Directory.GetFiles(images).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order().ToList();
        var perImage = new List<double>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        using (var writer = new StreamWriter(output))
        {
            for (int i = 0; i < files.Count; i++)
            {
                var name = Path.GetFileName(files[i]);
                var started = clock.Elapsed.TotalMilliseconds;
                try
                {
                    using var bitmap = ImageTensors.Decode(File.ReadAllBytes(files[i]));
                    var result = engine.Run(bitmap);
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        image = name,
                        width = result.Width,
                        height = result.Height,
                        regions = result.Regions.Select(r => new
                        {
                            polygon = r.Polygon.Select(p => new[] { p.X, p.Y }),
                            text = r.Text,
                            confidence = Math.Round(r.Confidence, 4),
                        }),
                    }));
                    perImage.Add(clock.Elapsed.TotalMilliseconds - started);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException)
                {
                    failed++;
                    writer.WriteLine(JsonSerializer.Serialize(new { image = name, error = ex.Message }));
                }
                ProgressBar.Draw(i + 1, files.Count, name);
            }
        }
        Console.Error.WriteLine();
        var seconds = clock.Elapsed.TotalSeconds;
        perImage.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"{files.Count} images ({failed} failed) in {seconds:0.00} s: {files.Count / Math.Max(seconds, 1e-9):0.00} images/s, p50 {Percentile(perImage, 0.5):0} ms, p95 {Percentile(perImage, 0.95):0} ms per image"));
        return failed == 0 ? 0 : 1;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

}
