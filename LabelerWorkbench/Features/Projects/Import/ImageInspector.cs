using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SkiaSharp;

namespace LabelerWorkbench.Features.Projects.Import;

public sealed record ImageFacts(string Sha256, int Width, int Height, string ContentType);

/// <summary>
/// Reads and checks an image with SkiaSharp before anything is stored: the header gives the size (no pixel is
/// decoded for that), so an oversized image is refused at once and the decode budget can be reserved; then a
/// decode proves the file is whole — row by row where Skia streams rows (JPEG, BMP), so checking a 100-megapixel
/// JPEG holds one row rather than 400 MB. Skia decodes PNG, WebP and GIF only whole; those are decoded at 2 bytes
/// a pixel when opaque (the check needs every pixel decoded, not their exact colours), and the decode budget
/// bounds how many pixels are in flight at once.
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

    /// <summary>The pixel count from the header alone, or the reason the file is refused.</summary>
    public static (long Pixels, string? Error) ReadHeader(SKData data, long maxPixels)
    {
        if (data.Size == 0) return (0, "The file is empty.");
        using var codec = SKCodec.Create(new SKMemoryStream(data), out var openResult);
        if (codec is null)
            return (0, openResult == SKCodecResult.IncompleteInput && StartsLikeAnImage(data.AsSpan())
                ? "The image is truncated: its header is incomplete."
                : "Not an image that can be read (PNG, JPEG, WebP, GIF or BMP expected).");
        if (!Served.ContainsKey(codec.EncodedFormat))
            return (0, $"{codec.EncodedFormat} images are not supported; use PNG, JPEG, WebP, GIF or BMP.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) return (0, "The image has no pixels.");
        long pixels = (long)width * height;
        if (pixels > maxPixels)
            return (0, $"The image is {width}×{height} ({pixels / 1e6:0.#} megapixels), over the limit of {maxPixels / 1e6:0.#} megapixels.");
        return (pixels, null);
    }

    /// <summary>The same checks on bytes in memory (tests and tools; imports read a file mapped from disk).</summary>
    public static (ImageFacts? Facts, string? Error) Inspect(byte[] bytes, long maxPixels)
    {
        if (bytes.Length == 0) return (null, "The file is empty.");
        using var data = SKData.CreateCopy(bytes);
        return Inspect(data, maxPixels);
    }

    /// <summary>
    /// Whether the first bytes are a served format's signature: Skia reports any short unknown file as an incomplete
    /// header, and a text file named .png should be told it is not an image, not that it is cut short.
    /// </summary>
    static bool StartsLikeAnImage(ReadOnlySpan<byte> b) =>
        b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) || b.StartsWith(new byte[] { 0xFF, 0xD8 }) || b.StartsWith("GIF8"u8)
        || b.StartsWith("BM"u8) || (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8));

    /// <returns>The facts, or the reason the file is refused, phrased for the person who imported it.</returns>
    public static (ImageFacts? Facts, string? Error) Inspect(SKData data, long maxPixels)
    {
        var (_, headerError) = ReadHeader(data, maxPixels);
        if (headerError is not null) return (null, headerError);
        var bytes = data.AsSpan();
        using var codec = SKCodec.Create(data)!;
        var contentType = Served[codec.EncodedFormat];
        var (width, height) = (codec.Info.Width, codec.Info.Height);

        // A progressive JPEG cut short still decodes (its early scans cover the whole image): only the
        // missing end-of-image marker tells.
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && !JpegEnd.IsPresent(bytes))
            return (null, "The image is truncated or corrupt: the JPEG ends before its end marker.");

        var result = DecodeAll(codec, width, height);
        if (result is not SKCodecResult.Success)
            return (null, result switch
            {
                SKCodecResult.IncompleteInput => "The image is truncated or corrupt: decoding stopped part-way.",
                _ => $"The image could not be decoded ({result}).",
            });

        // Browsers honour EXIF orientation, so regions are drawn on the turned image: store the size as shown.
        if (codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom)
            (width, height) = (height, width);

        return (new ImageFacts(Convert.ToHexStringLower(SHA256.HashData(bytes)), width, height, contentType), null);
    }

    /// <summary>Decodes every pixel: a row at a time where the codec streams rows top-down, else into one bitmap.</summary>
    static SKCodecResult DecodeAll(SKCodec codec, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
        {
            var row = Marshal.AllocHGlobal(info.RowBytes);
            try
            {
                for (var y = 0; y < height; y++)
                    if (codec.GetScanlines(row, 1, info.RowBytes) != 1) return SKCodecResult.IncompleteInput;
                return SKCodecResult.Success;
            }
            finally { Marshal.FreeHGlobal(row); }
        }
        if (codec.Info.AlphaType == SKAlphaType.Opaque) info = info.WithColorType(SKColorType.Rgb565);
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info)) return SKCodecResult.InternalError; // no memory for the bitmap
        return codec.GetPixels(info, bitmap.GetPixels());
    }
}
