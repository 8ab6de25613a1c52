using System.IO.Compression;
using System.Text;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>Writes a zip entry by entry onto the output stream, so a large export is never held in memory.</summary>
public sealed class ZipExport(Stream output) : IAsyncDisposable
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    readonly ZipArchive zip = new(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Utf8);

    public async Task AddTextAsync(string path, string text, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(path, CompressionLevel.Fastest).OpenAsync(ct);
        await entry.WriteAsync(Utf8.GetBytes(text), ct);
    }

    /// <summary>Images are already compressed; storing them as they are saves CPU for nothing lost.</summary>
    public async Task AddImageAsync(string path, IExportSource source, string sha256, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(path, CompressionLevel.NoCompression).OpenAsync(ct);
        await using var image = source.OpenImage(sha256);
        await image.CopyToAsync(entry, ct);
    }

    /// <summary>
    /// The layout every per-image format shares: the image under <paramref name="imageFolder"/> and one annotation
    /// file per image, named after it; <paramref name="first"/> adds files that come before the images.
    /// </summary>
    public static async Task WritePerImageAsync(
        IExportSource source, Stream output, IProgress<int> progress, string imageFolder,
        Func<ExportItem, string, (string Path, string Text)> annotation, CancellationToken ct, Func<ZipExport, Task>? first = null)
    {
        await using var zip = new ZipExport(output);
        if (first is not null) await first(zip);
        var names = new ExportNames();
        var done = 0;
        await foreach (var item in source.ItemsAsync(ct))
        {
            var name = names.For(item);
            var (path, text) = annotation(item, name);
            await zip.AddImageAsync($"{imageFolder}/{name}", source, item.ImageSha256, ct);
            await zip.AddTextAsync(path, text, ct);
            progress.Report(++done);
        }
    }

    public ValueTask DisposeAsync()
    {
        zip.Dispose();
        return ValueTask.CompletedTask;
    }
}
