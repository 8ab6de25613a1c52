using SkiaSharp;

namespace LabelerWorkbench.Features.Demo;

/// <summary>
/// Renders the demo's text-bearing scenes (receipt, sign, form, …) with the shipped font.
/// Skia finds no system fonts without fontconfig, so the font is loaded from its file.
/// The PNGs in <c>assets/samples</c> were made by <c>-- generate-samples</c>; tests render their own.
/// </summary>
public static class SampleImages
{
    public sealed record TextLine(string Text, float X, float Y, float Size, string Color = "#202020", bool Mono = false);

    public sealed record Scene(string Name, int Width, int Height, string Background, IReadOnlyList<TextLine> Lines);

    public static IReadOnlyList<Scene> Scenes { get; } =
    [
        new("receipt-corner-shop.png", 560, 820, "#fbfaf5",
        [
            new("CORNER SHOP", 170, 70, 34), new("12 Harbour Street", 185, 112, 20),
            new("Receipt 004817", 60, 180, 22, Mono: true), new("2026-10-14 09:42", 330, 180, 22, Mono: true),
            new("Milk 1L            1.25", 60, 250, 24, Mono: true), new("Bread              2.40", 60, 295, 24, Mono: true),
            new("Coffee beans       8.90", 60, 340, 24, Mono: true), new("Apples 1kg         3.15", 60, 385, 24, Mono: true),
            new("TOTAL             15.70", 60, 470, 28, Mono: true), new("CARD              15.70", 60, 515, 24, Mono: true),
            new("Thank you for shopping!", 110, 640, 26),
        ]),
        new("street-sign.png", 900, 500, "#2e7d32",
        [
            new("Station Road", 120, 170, 88, "#ffffff"), new("City Centre 2 km", 160, 300, 60, "#ffffff"),
            new("Harbour 5 km", 160, 400, 60, "#ffffff"),
        ]),
        new("delivery-form.png", 800, 1000, "#ffffff",
        [
            new("DELIVERY NOTE", 250, 90, 40), new("Name: Ada Lovelace", 80, 200, 28),
            new("Address: 7 Analytical Lane", 80, 260, 28), new("Postcode: AB12 3CD", 80, 320, 28),
            new("Parcel weight: 2.5 kg", 80, 380, 28), new("Signature required: yes", 80, 440, 28),
            new("Delivered on: 2026-11-02", 80, 560, 28), new("Driver: J. Smith", 80, 620, 28),
        ]),
        new("cafe-menu.png", 700, 900, "#3e2723",
        [
            new("Cafe Menu", 220, 110, 60, "#ffe0b2"), new("Espresso  2.20", 120, 260, 40, "#ffffff"),
            new("Cappuccino  3.10", 120, 340, 40, "#ffffff"), new("Flat white  3.30", 120, 420, 40, "#ffffff"),
            new("Tea  2.00", 120, 500, 40, "#ffffff"), new("Croissant  2.50", 120, 580, 40, "#ffffff"),
            new("Open daily 7am - 6pm", 140, 760, 32, "#ffe0b2"),
        ]),
        new("parking-notice.png", 640, 640, "#ffeb3b",
        [
            new("NO PARKING", 110, 170, 70), new("Mon - Fri", 200, 280, 48), new("8am - 6pm", 195, 350, 48),
            new("Towing enforced", 140, 480, 44),
        ]),
        new("invoice-header.png", 1000, 700, "#f5f7fa",
        [
            new("INVOICE 2026-0193", 60, 100, 44), new("Bill to: Northwind Traders", 60, 200, 30),
            new("Due date: 30 Nov 2026", 60, 260, 30), new("Item        Qty   Amount", 60, 380, 30, Mono: true),
            new("Labels      500   125.00", 60, 440, 30, Mono: true), new("Review       50    40.00", 60, 500, 30, Mono: true),
            new("Total due         165.00", 60, 600, 34, Mono: true),
        ]),
    ];

    public static string FontPath(string assetsDir, bool mono) =>
        Path.Combine(assetsDir, "fonts", mono ? "DejaVuSansMono.ttf" : "DejaVuSans.ttf");

    public static byte[] RenderPng(Scene scene, string assetsDir)
    {
        using var sans = SKTypeface.FromFile(FontPath(assetsDir, false))
                         ?? throw new FileNotFoundException("The shipped font is missing.", FontPath(assetsDir, false));
        using var mono = SKTypeface.FromFile(FontPath(assetsDir, true)) ?? sans;
        using var surface = SKSurface.Create(new SKImageInfo(scene.Width, scene.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.Parse(scene.Background));
        using var paint = new SKPaint { IsAntialias = true };
        foreach (var line in scene.Lines)
        {
            using var font = new SKFont(line.Mono ? mono : sans, line.Size);
            paint.Color = SKColor.Parse(line.Color);
            canvas.DrawText(line.Text, line.X, line.Y, SKTextAlign.Left, font, paint);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Where each line's ink lies, padded by a few pixels as a careful labeler would draw it: the ground truth
    /// for demo gold answers and training practice.
    /// </summary>
    public static IReadOnlyList<Box> LineBoxes(Scene scene, string assetsDir, float padding = 4)
    {
        using var sans = SKTypeface.FromFile(FontPath(assetsDir, false))
                         ?? throw new FileNotFoundException("The shipped font is missing.", FontPath(assetsDir, false));
        using var mono = SKTypeface.FromFile(FontPath(assetsDir, true)) ?? sans;
        return scene.Lines.Select(line =>
        {
            using var font = new SKFont(line.Mono ? mono : sans, line.Size);
            font.MeasureText(line.Text, out var ink);
            var left = Math.Max(0, line.X + ink.Left - padding);
            var top = Math.Max(0, line.Y + ink.Top - padding);
            var right = Math.Min(scene.Width, line.X + ink.Right + padding);
            var bottom = Math.Min(scene.Height, line.Y + ink.Bottom + padding);
            return new Box(Math.Round(left), Math.Round(top), Math.Round(right - left), Math.Round(bottom - top));
        }).ToList();
    }

    /// <summary>Writes every scene into <paramref name="folder"/>; used to refresh <c>assets/samples</c>.</summary>
    public static void WriteAll(string folder, string assetsDir)
    {
        Directory.CreateDirectory(folder);
        foreach (var scene in Scenes)
            File.WriteAllBytes(Path.Combine(folder, scene.Name), RenderPng(scene, assetsDir));
    }
}
