using System.Security.Cryptography;
using SkiaSharp;

namespace LabelerWorkbench.Features.Projects.Import;

public sealed record ImageFacts(string Sha256, int Width, int Height, string ContentType);

/// <summary>
/// Reads and checks an image with SkiaSharp before anything is stored: the header gives the size, so an
/// oversized image is refused before a single pixel is decoded; then a full decode proves the file is whole.
/// </summary>
public static class ImageInspector
{
    /// <summary>Formats browsers display and that are served back unchanged; anything else is refused.</summary>
    static readonly Dictionary<SKEncodedImageFormat, string> Served = new()
    {
        [SKEncodedImageFormat.Png] = "image/png",
        [SKEncodedImageFormat.Jpeg] = "image/jpeg",
        [SKEncodedImageFormat.Webp] = "image/webp",
        [SKEncodedImageFormat.Gif] = "image/gif",
        [SKEncodedImageFormat.Bmp] = "image/bmp",
    };

    /// <returns>The facts, or the reason the file is refused, phrased for the person who imported it.</returns>
    public static (ImageFacts? Facts, string? Error) Inspect(byte[] bytes, long maxPixels)
    {
        if (bytes.Length == 0) return (null, "The file is empty.");
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var openResult);
        if (codec is null)
            return (null, openResult == SKCodecResult.IncompleteInput
                ? "The image is truncated: its header is incomplete."
                : "Not an image that can be read (PNG, JPEG, WebP, GIF or BMP expected).");
        if (!Served.TryGetValue(codec.EncodedFormat, out var contentType))
            return (null, $"{codec.EncodedFormat} images are not supported; use PNG, JPEG, WebP, GIF or BMP.");

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) return (null, "The image has no pixels.");
        long pixels = (long)width * height;
        if (pixels > maxPixels)
            return (null, $"The image is {width}×{height} ({pixels / 1e6:0.#} megapixels), over the limit of {maxPixels / 1e6:0.#} megapixels.");

        // A full decode catches files whose header is fine but whose data is cut or damaged.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info)) return (null, "Not enough memory to decode the image.");
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not SKCodecResult.Success)
            return (null, result == SKCodecResult.IncompleteInput
                ? "The image is truncated or corrupt: decoding stopped part-way."
                : $"The image could not be decoded ({result}).");

        // Browsers honour EXIF orientation, so regions are drawn on the turned image: store the size as shown.
        if (codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom)
            (width, height) = (height, width);

        return (new ImageFacts(Convert.ToHexStringLower(SHA256.HashData(bytes)), width, height, contentType), null);
    }
}
