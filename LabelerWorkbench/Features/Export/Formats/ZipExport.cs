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

    public ValueTask DisposeAsync()
    {
        zip.Dispose();
        return ValueTask.CompletedTask;
    }
}
