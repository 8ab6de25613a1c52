using SkiaSharp;

namespace LabelerWorkbench.Tests.Infrastructure;

/// <summary>Images made on the spot: distinct valid PNGs, and files that only look like images.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, int seed)
    {
        // Noise, so every seed gives a different file and the compressed data is not tiny.
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A PNG cut off half way: the header is fine, the pixel data is not.</summary>
    public static byte[] TruncatedPng()
    {
        var whole = Png(400, 300, 7);
        return whole[..(whole.Length / 2)];
    }

    public static byte[] NotAnImage() => "<html><script>alert(1)</script></html>"u8.ToArray();
}
