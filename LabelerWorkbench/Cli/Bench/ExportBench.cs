using System.Diagnostics;
using System.Runtime.CompilerServices;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>bench-export [--regions N] [--per-image M]</c>: writes every format from a synthetic project of N regions
/// (M per image, made as they are read, as the database pages them) and reports time, size and the most memory
/// the process held, to show that exports stream.
/// </summary>
public static class ExportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var regions = Cli.CliArgs.IntOption(args, "--regions", 100_000);
        var perImage = Math.Max(1, Cli.CliArgs.IntOption(args, "--per-image", 100));
        var source = new SyntheticSource(regions / perImage, perImage);
        var folder = Directory.CreateTempSubdirectory("lw-export-bench").FullName;
        Console.WriteLine($"{source.Count:N0} images × {perImage} regions = {source.Count * perImage:N0} regions; {Environment.ProcessorCount} cores");
        Console.WriteLine("format   seconds   regions/s    file MiB   peak working set MiB");
        try
        {
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                GC.Collect();
                var clock = Stopwatch.StartNew();
                var path = Path.Combine(folder, "out" + new ExportOptions(format).FileExtension);
                await Exporter.WriteFileAsync(source, format, path, null, default);
                var seconds = clock.Elapsed.TotalSeconds;
                using var process = Process.GetCurrentProcess();
                Console.WriteLine(FormattableString.Invariant(
                    $"{format.ToString().ToLowerInvariant(),-8} {seconds,7:F2}   {source.Count * perImage / seconds,9:N0}   {new FileInfo(path).Length / 1048576.0,9:F1}   {process.PeakWorkingSet64 / 1048576.0,8:F0}"));
                File.Delete(path);
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
        return 0;
    }

    sealed class SyntheticSource(int images, int perImage) : IExportSource
    {
        static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

        public string ProjectName => "Benchmark";
        public LabelSchema Schema { get; } = new([new LabelClassInfo(1, "Text line", "#1e88e5", "1", true, true, true), new LabelClassInfo(2, "Price", "#e53935", "2", true, true, false)]);
        public int Count => images;

        public async IAsyncEnumerable<ExportItem> ItemsAsync([EnumeratorCancellation] CancellationToken ct)
        {
            for (var i = 0; i < images; i++)
            {
                var regions = Enumerable.Range(0, perImage).Select(j => j % 3 == 0
                    ? new RegionData(Guid.NewGuid(), GeometryKind.Polygon, 1, [new(10 + j, 20), new(200 + j, 22), new(205 + j, 60), new(12 + j, 58), new(8 + j, 40)], $"line {j} of page {i}",
                        new Provenance(RegionSource.Model, null, "ppocr-v4-det+ppocr-v4-rec", "PP-OCRv4-mobile", 0.97))
                    : new RegionData(Guid.NewGuid(), GeometryKind.Box, 2, [new Point2(30, 5 + j * 7), new Point2(90, 11 + j * 7)], "3.50", Provenance.Labeler("bench"))).ToList();
                yield return new ExportItem(i + 1, $"page-{i:D5}.png", new string('0', 60) + (i % 10000).ToString("D4"), 2480, 3508,
                    LabelTaskStatus.Accepted, DateTime.UtcNow, regions, [new ExportRevision(1, "bench", DateTime.UtcNow, regions)]);
                if (i % 50 == 0) await Task.Yield();
            }
        }

        public Stream OpenImage(string sha256) => new MemoryStream(Png);
    }
}
