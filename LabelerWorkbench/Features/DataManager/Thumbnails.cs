using System.Security.Claims;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using SkiaSharp;

namespace LabelerWorkbench.Features.DataManager;

/// <summary>
/// Small JPEG previews for the data manager's grid, made once per image and kept on disk under the data folder
/// (images are content-addressed and never change, so a thumbnail never goes stale).
/// </summary>
public sealed class Thumbnails(DataPaths paths, BlobStore blobs)
{
    public const int Size = 96;
    public string Folder => Path.Combine(paths.DataDirectory, "thumbnails");

    public string PathOf(string sha256) => Path.Combine(Folder, $"{sha256}-{Size}.jpg");

    /// <summary>The thumbnail's file, made now if missing; null when the stored image cannot be decoded.</summary>
    public async Task<string?> EnsureAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return path;
        byte[]? jpeg;
        await using (var source = blobs.OpenRead(sha256)) jpeg = Make(source);
        if (jpeg is null) return null;
        Directory.CreateDirectory(Folder);
        // Written aside and moved in, so a reader never sees half a file.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, jpeg, ct);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    static byte[]? Make(Stream source)
    {
        using var codec = SKCodec.Create(source);
        if (codec is null) return null;
        var info = codec.Info;
        var scale = Math.Min(1f, (float)Size / Math.Max(info.Width, info.Height));
        // Let the decoder shrink first (JPEG decodes at 1/2, 1/4, 1/8 cheaply), then resample to the exact size.
        var decodeSize = codec.GetScaledDimensions(Math.Max(scale, 0.125f));
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
            var path = await thumbnails.EnsureAsync(sha256, ct);
            if (path is null) return Results.Problem("The stored image cannot be decoded.", statusCode: 422);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.File(path, "image/jpeg");
        }).RequireAuthorization();
        return app;
    }
}
