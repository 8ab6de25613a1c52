using System.Security.Claims;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using SkiaSharp;

namespace LabelerWorkbench.Features.DataManager;

/// <summary>
/// Small JPEG previews for the data manager's grid, made once per image and kept on disk under the data folder
/// (images are content-addressed and never change, so a thumbnail never goes stale).
/// </summary>
public sealed class Thumbnails(DataPaths paths, BlobStore blobs, DecodeBudget budget)
{
    public const int Size = 96;
    public string Folder => Path.Combine(paths.DataDirectory, "thumbnails");

    public string PathOf(string sha256) => Path.Combine(Folder, $"{sha256}-{Size}.jpg");

    /// <summary>What became of a request: the file, or why there is none.</summary>
    public enum Outcome { Ready, Undecodable, Busy }

    /// <summary>The thumbnail's file, made now if missing.</summary>
    public async Task<(Outcome Outcome, string? Path)> EnsureAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return (Outcome.Ready, path);
        await using var source = blobs.OpenRead(sha256);
        using var codec = SKCodec.Create(source);
        if (codec is null) return (Outcome.Undecodable, null);
        var scale = Math.Min(1f, (float)Size / Math.Max(codec.Info.Width, codec.Info.Height));
        // Let the decoder shrink first (JPEG decodes at 1/2, 1/4, 1/8 cheaply), then resample to the exact size.
        var decodeSize = codec.GetScaledDimensions(Math.Max(scale, 0.125f));
        // A page of thumbnails of large images decodes within the same pixel budget as imports, not beside it.
        using var reservation = await budget.TryReserveAsync((long)decodeSize.Width * decodeSize.Height, ct);
        if (reservation is null) return (Outcome.Busy, null);
        var jpeg = Make(codec, decodeSize, scale);
        if (jpeg is null) return (Outcome.Undecodable, null);
        Directory.CreateDirectory(Folder);
        // Written aside and moved in, so a reader never sees half a file.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, jpeg, ct);
        File.Move(temp, path, overwrite: true);
        return (Outcome.Ready, path);
    }

    static byte[]? Make(SKCodec codec, SKSizeI decodeSize, float scale)
    {
        var info = codec.Info;
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null) return null;
        var w = Math.Max(1, (int)Math.Round(info.Width * scale));
        var h = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var small = decoded.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        // JPEG has no alpha: transparent pixels go on white, as a page would show them.
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using (var smallImage = SKImage.FromBitmap(small)) surface.Canvas.DrawImage(smallImage, 0, 0, SKSamplingOptions.Default);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}

public static class ThumbnailApi
{
    /// <summary>GET /api/images/{sha256}/thumbnail: authorised exactly as the full image (members of a project holding it).</summary>
    public static IEndpointRouteBuilder MapThumbnails(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/images/{sha256}/thumbnail", async (string sha256, ClaimsPrincipal user, ProjectAccess access, Thumbnails thumbnails, HttpContext http, CancellationToken ct) =>
        {
            sha256 = sha256.ToLowerInvariant();
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower) ||
                !await access.CanSeeImageAsync(user.Id(), user.IsLead(), sha256, ct))
                return Results.Problem("No such image, or it is not yours.", statusCode: 404);
            var (outcome, path) = await thumbnails.EnsureAsync(sha256, ct);
            if (outcome == Thumbnails.Outcome.Busy)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Problem("The server is busy decoding other images; try again in a moment.", statusCode: 503);
            }
            if (path is null) return Results.Problem("The stored image cannot be decoded.", statusCode: 422);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.File(path, "image/jpeg");
        }).RequireAuthorization();
        return app;
    }
}
