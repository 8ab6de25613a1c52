using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>A file of an upload: where it waits on disk, or that it was over the per-file limit.</summary>
public sealed record UploadedFile(string FileName, string? TempPath, bool TooLarge);

/// <summary>
/// A multipart upload read section by section. Each file goes to a temporary file, up to
/// <c>Import:MaxFileBytes</c>; a larger one is read past and marked, so it is refused alone with its reason and
/// the files beside it are kept (ASP.NET's form reader fails the whole request instead). The request as a whole
/// may be up to <c>Import:MaxRequestBytes</c>, whatever Kestrel's default for other requests.
/// </summary>
public sealed class MultipartUpload : IAsyncDisposable
{
    const int MaxFieldBytes = 64 * 1024;
    readonly string folder = Path.Combine(Path.GetTempPath(), "lw-upload-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<UploadedFile> Files { get; } = [];

    /// <returns>The upload, or why the request cannot be read as one (phrased for the sender) and the status to answer.</returns>
    public static async Task<(MultipartUpload? Upload, string? Error, int Status)> ReadAsync(HttpRequest request, ImportOptions options, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return (null, "Send the images as multipart/form-data.", StatusCodes.Status400BadRequest);
        var upload = new MultipartUpload();
        try
        {
            Directory.CreateDirectory(upload.folder);
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (disposition.IsFileDisposition())
                    upload.Files.Add(await upload.SaveAsync(section.Body, FileNameOf(disposition), options.MaxFileBytes, ct));
                else if (disposition.IsFormDisposition())
                    upload.Fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = await ReadFieldAsync(section.Body, ct);
            }
            return (upload, null, StatusCodes.Status200OK);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            await upload.DisposeAsync();
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? (null, $"The request is larger than the {ImportOptions.Megabytes(options.MaxRequestBytes)} an upload may be (setting Import:MaxRequestBytes); send the files in several requests.", StatusCodes.Status413PayloadTooLarge)
                : (null, "The upload is not a readable multipart/form-data body.", StatusCodes.Status400BadRequest);
        }
    }

    async Task<UploadedFile> SaveAsync(Stream body, string name, long maxBytes, CancellationToken ct)
    {
        var path = Path.Combine(folder, Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var buffer = new byte[81920];
        long total = 0;
        await using (var file = File.Create(path))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes) break;
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (total <= maxBytes) return new(name, path, false);
        File.Delete(path);
        // Read past the rest of this file without keeping it, to reach the files after it.
        while (await body.ReadAsync(buffer, ct) > 0) { }
        return new(name, null, true);
    }

    static string FileNameOf(ContentDispositionHeaderValue disposition) =>
        (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value) ?? "unnamed";

    static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var text = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
            if (text.Length + read <= MaxFieldBytes) text.Write(buffer, 0, read);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
