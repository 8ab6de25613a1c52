using LabelerWorkbench.Features.Export.Formats;

namespace LabelerWorkbench.Features.Export;

/// <summary>Runs one export into a file: written beside the target and renamed when complete, so a failed or cancelled export leaves no half file.</summary>
public static class Exporter
{
    public static IExportWriter WriterFor(ExportFormat format) => format switch
    {
        ExportFormat.Coco => new CocoWriter(),
        ExportFormat.Yolo => new YoloWriter(),
        ExportFormat.Voc => new VocWriter(),
        ExportFormat.Icdar => new IcdarWriter(),
        ExportFormat.Jsonl => new JsonlWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <param name="progress">Receives the fraction done, 0 to 1.</param>
    public static async Task WriteFileAsync(IExportSource source, ExportFormat format, string path, IProgress<double>? progress, CancellationToken ct)
    {
        var writer = WriterFor(format);
        var work = Math.Max(1, writer.Work(source));
        var partial = path + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await writer.WriteAsync(source, file, new SyncProgress<int>(done => progress?.Report(Math.Min(1, (double)done / work))), ct);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        progress?.Report(1);
    }

}
