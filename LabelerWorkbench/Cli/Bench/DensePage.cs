using SkiaSharp;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>A phrase of the generated page and where its ink is.</summary>
public sealed record TruthPhrase(string Text, Box Box);

/// <summary>
/// Renders a dense page of known text, like a form, spreadsheet or receipt scanned at full resolution: rows of
/// phrases (one to four words) set 2–5 em apart, so each phrase is one region, in one font per page and a size
/// chosen so <c>words</c> fill the page.
/// </summary>
public static class DensePage
{
    public static (SKBitmap Image, List<TruthPhrase> Phrases) Render(Random rng, int width, int height, int words, IReadOnlyList<string> fonts)
    {
        // About 7 em² per word with its share of gaps and line pitch, on 85 % of the page.
        var em = Math.Clamp(Math.Sqrt(width * height * 0.85 / (words * 7.2)), 10, 80);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var phrases = new List<TruthPhrase>();
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor((byte)rng.Next(225, 256), (byte)rng.Next(225, 256), (byte)rng.Next(215, 256)));
        using var typeface = SKTypeface.FromFile(fonts[rng.Next(fonts.Count)]);
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor((byte)rng.Next(0, 70), (byte)rng.Next(0, 70), (byte)rng.Next(0, 70)) };
        var margin = (int)(2 * em);
        var placed = 0;
        double baseline = margin;
        while (placed < words)
        {
            var size = (float)(em * (0.85 + 0.3 * rng.NextDouble()));
            baseline += size * 1.8;
            if (baseline + size > height - margin / 2) break;
            using var font = new SKFont(typeface, size);
            double x = margin + rng.NextDouble() * 2 * size;
            while (placed < words)
            {
                var count = Math.Min(words - placed, 1 + rng.Next(4));
                var text = string.Join(' ', Enumerable.Range(0, count).Select(_ => TextBench.Word(rng)));
                font.MeasureText(text, out var bounds, paint);
                if (x + bounds.Right > width - margin) break;
                canvas.DrawText(text, (float)x, (float)baseline, SKTextAlign.Left, font, paint);
                phrases.Add(new TruthPhrase(text, new Box(x + bounds.Left, baseline + bounds.Top, bounds.Width, bounds.Height)));
                placed += count;
                x += bounds.Right + size * (2 + 3 * rng.NextDouble());
            }
        }
        return (bitmap, phrases);
    }
}
