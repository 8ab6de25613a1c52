using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>Pixels to model input: resizing with SkiaSharp, then channel-first BGR floats, normalised.</summary>
public static class ImageTensors
{
    /// <summary>ImageNet mean and standard deviation, in the B, G, R order PaddleOCR's cv2-decoded images have.</summary>
    public static readonly float[] DetMean = [0.485f, 0.456f, 0.406f];
    public static readonly float[] DetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>
    /// Decodes an image file into RGBA pixels (the layout the tensor writers read), turned upright by its EXIF
    /// orientation as browsers show it, so model coordinates match the regions drawn on the page.
    /// </summary>
    public static SKBitmap Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false))
                          ?? throw new InvalidDataException("Not an image that can be read.");
        var bitmap = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success && result != SKCodecResult.IncompleteInput)
        {
            bitmap.Dispose();
            throw new InvalidDataException($"The image could not be decoded ({result}).");
        }
        return codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? bitmap : Upright(bitmap, codec.EncodedOrigin);
    }

    /// <summary>Applies an EXIF orientation (rotations and mirrors) and disposes the input.</summary>
    public static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int w = swap ? source.Height : source.Width, h = swap ? source.Width : source.Height;
        var upright = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(upright))
        {
            // Each case maps the stored pixels onto the displayed frame.
            switch (origin)
            {
                case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
                case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
                case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
                case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
                case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
                case SKEncodedOrigin.RightBottom: canvas.Translate(w, h); canvas.RotateDegrees(90); canvas.Scale(-1, 1); break;
                case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(-90); break;
            }
            canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        source.Dispose();
        return upright;
    }

    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        return source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
               ?? throw new InvalidOperationException("Resizing the image failed.");
    }

    /// <summary>
    /// Writes <paramref name="bitmap"/> into <paramref name="tensor"/> (shape C×H×W starting at <paramref name="offset"/>,
    /// row length <paramref name="rowWidth"/> ≥ the bitmap's width) as (v/255 − mean)/std per B, G, R channel.
    /// </summary>
    public static void WriteBgr(SKBitmap bitmap, Span<float> tensor, int offset, int rowWidth, int rowCount, float[] mean, float[] std, bool rgb = false)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888) throw new ArgumentException("Expected an RGBA bitmap.", nameof(bitmap));
        var plane = rowWidth * rowCount;
        // Plane offsets of blue and red; with rgb the red plane comes first.
        int bluePlane = rgb ? 2 * plane : 0, redPlane = rgb ? 0 : 2 * plane;
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        // Per channel: v/255 − m over s, folded into one multiply-add.
        float sb = 1 / (255f * std[0]), sg = 1 / (255f * std[1]), sr = 1 / (255f * std[2]);
        float ob = mean[0] / std[0], og = mean[1] / std[1], or = mean[2] / std[2];
        for (int y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * stride, bitmap.Width * 4);
            var i = offset + y * rowWidth;
            for (int x = 0; x < bitmap.Width; x++, i++)
            {
                tensor[i + bluePlane] = row[4 * x + 2] * sb - ob;
                tensor[i + plane] = row[4 * x + 1] * sg - og;
                tensor[i + redPlane] = row[4 * x] * sr - or;
            }
        }
    }

    /// <summary>
    /// The bitmap's pixels as an image to draw from, without copying them. Drawing a mutable bitmap copies all of
    /// it first: on a 12 MP page that was 48 MB for each of a thousand crops.
    /// </summary>
    public static SKImage View(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        return SKImage.FromPixels(pixmap) ?? throw new InvalidOperationException("The image's pixels cannot be read.");
    }

    /// <summary>
    /// Cuts the quadrilateral out of the page and straightens it (a perspective warp onto a rectangle).
    /// Tall crops (height ≥ 1.5 × width) are turned 90°, as PaddleOCR does, since text lines run along the long side.
    /// </summary>
    public static SKBitmap CropQuad(SKImage page, IReadOnlyList<Point2> quad)
    {
        var (tl, tr, br, bl) = (quad[0], quad[1], quad[2], quad[3]);
        var width = Math.Max(1, (int)Math.Round(Math.Max(Distance(tl, tr), Distance(bl, br))));
        var height = Math.Max(1, (int)Math.Round(Math.Max(Distance(tl, bl), Distance(tr, br))));
        var crop = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(crop))
        {
            canvas.Clear(SKColors.White);
            canvas.SetMatrix(Homography([tl, tr, br, bl], [new(0, 0), new(width, 0), new(width, height), new(0, height)]));
            canvas.DrawImage(page, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), null);
        }
        if (height < 1.5 * width) return crop;
        var turned = new SKBitmap(new SKImageInfo(height, width, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(turned))
        {
            canvas.Translate(0, width);
            canvas.RotateDegrees(-90);
            canvas.DrawBitmap(crop, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        crop.Dispose();
        return turned;
    }

    static double Distance(Point2 a, Point2 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>The projective transform taking four source points to four destination points (8×8 linear solve).</summary>
    public static SKMatrix Homography(Point2[] from, Point2[] to)
    {
        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            var (x, y, u, v) = (from[i].X, from[i].Y, to[i].X, to[i].Y);
            double[] r1 = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] r2 = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (int k = 0; k < 9; k++) { a[2 * i, k] = r1[k]; a[2 * i + 1, k] = r2[k]; }
        }
        // Gaussian elimination with partial pivoting.
        for (int col = 0; col < 8; col++)
        {
            var pivot = col;
            for (int r = col + 1; r < 8; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int k = 0; k < 9; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            if (Math.Abs(a[col, col]) < 1e-12) return SKMatrix.Identity;
            for (int r = 0; r < 8; r++)
            {
                if (r == col) continue;
                var f = a[r, col] / a[col, col];
                for (int k = col; k < 9; k++) a[r, k] -= f * a[col, k];
            }
        }
        var h = new double[8];
        for (int i = 0; i < 8; i++) h[i] = a[i, 8] / a[i, i];
        return new SKMatrix((float)h[0], (float)h[1], (float)h[2], (float)h[3], (float)h[4], (float)h[5], (float)h[6], (float)h[7], 1);
    }
}
