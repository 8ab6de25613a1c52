using System.Runtime.CompilerServices;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Export;

/// <summary>Items made on demand, so a test can export any number of regions and watch what the writer holds.</summary>
sealed class MemoryExportSource(LabelSchema schema, int count, Func<int, ExportItem> item) : IExportSource
{
    public string ProjectName => "Test \"project\"";
    public LabelSchema Schema => schema;
    public int Count => count;
    /// <summary>How many items have been handed out in the current pass.</summary>
    public int Yielded { get; private set; }
    public Action<int>? OnYield { get; set; }

    public async IAsyncEnumerable<ExportItem> ItemsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            Yielded = i + 1;
            OnYield?.Invoke(i);
            yield return item(i);
        }
        await Task.CompletedTask;
    }

    public Stream OpenImage(string sha256) => new MemoryStream([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

    public static readonly LabelSchema TwoClasses = new([
        new LabelClassInfo(7, "Text line", "#111111", "1", true, true, false),
        new LabelClassInfo(9, "Price \"€\" <b>", "#222222", "2", true, true, false),
    ]);

    public static RegionData Box(double x, double y, double w, double h, int? cls, string text = "") =>
        new(Guid.NewGuid(), GeometryKind.Box, cls, [new Point2(x, y), new Point2(x + w, y + h)], text,
            new Provenance(RegionSource.Model, "ocr", "pp-ocrv4", "4.0", 0.93, null));

    public static RegionData Polygon(int? cls, string text, params (double X, double Y)[] points) =>
        new(Guid.NewGuid(), GeometryKind.Polygon, cls, points.Select(p => new Point2(p.X, p.Y)).ToList(), text, Provenance.Labeler("user-1"));

    public static ExportItem Item(int taskId, string fileName, int width, int height, params RegionData[] regions) =>
        new(taskId, fileName, new string('a', 63) + taskId % 10, width, height, LabelTaskStatus.Accepted, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc),
            regions, [new ExportRevision(1, "user-1", new DateTime(2026, 11, 1, 11, 0, 0, DateTimeKind.Utc), regions.Take(1).ToList()),
                      new ExportRevision(2, "reviewer-1", new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc), regions)]);
}
