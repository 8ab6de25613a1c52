using System.Globalization;
using System.Text.Json;
using LabelerWorkbench.Inference.Ocr;
using SkiaSharp;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>bench-text [--pages N] [--seed S] [--fonts DIR] [--dense] [OCR settings]</c>: the whole OCR pipeline on rendered English pages whose
/// truth is known (the shipped DejaVu fonts, plus every .ttf under DIR), 14–44 px; with --dense, lines 1.3 font sizes apart. For several crop margins it
/// prints detection recall (IoU ≥ 0.5) and the character error rate of matched lines with and without spaces, then
/// a closing JSON line.
/// </summary>
public static class TextBench
{
    static readonly (double Along, double Across)[] Margins = [(0, 0), (0, 0.2), (0, 0.4), (0.1, 0.3), (0.1, 0.4), (0.2, 0.4), (0, 0.6)];

    static readonly string[] Words =
    [
        "the", "total", "invoice", "name", "date", "amount", "due", "paid", "order", "number", "street", "road", "station",
        "delivery", "note", "customer", "price", "each", "per", "kg", "box", "shelf", "signature", "received", "payment",
        "within", "days", "thank", "you", "for", "your", "tax", "net", "gross", "city", "centre", "platform", "closed",
        "open", "Monday", "Friday", "account", "reference", "phone", "email", "address", "qty", "item", "description",
        "Ada", "Lovelace", "Grace", "Hopper", "London", "Harbour", "Main", "North", "Parcel", "Weight", "Cafe", "Menu",
        "DELIVERY", "NOTE", "TOTAL", "INVOICE", "Name:", "Date:", "Postcode:", "Total:",
    ];

    public static int Run(string[] args)
    {
        var pages = CliArgs.IntOption(args, "--pages", 30, 1, 10_000);
        var seed = CliArgs.IntOption(args, "--seed", 1);
        var dense = CliArgs.Flag(args, "--dense");
        var fonts = Fonts(args);

        var (registry, engine) = OcrCliOptions.Open(args);
        using var _ = registry;

        var rng = new Random(seed);
        var rendered = Enumerable.Range(0, pages).Select(_ => Page(rng, fonts, dense)).ToList();
        Console.WriteLine($"{pages} pages, {rendered.Sum(p => p.Truth.Count)} lines, {fonts.Count} fonts, 14–44 px{(dense ? ", dense" : "")}, seed {seed}");
        Console.WriteLine($"{"crop margin (along, across)",-28} {"recall",8} {"CER",8} {"CER w/o spaces",15} {"lines exact",12}");
        var rows = new List<object>();
        foreach (var margin in Margins)
        {
            engine.CropMargin = margin;
            int lines = 0, found = 0, chars = 0, edits = 0, charsNoSpace = 0, editsNoSpace = 0, exact = 0;
            foreach (var (image, truth) in rendered)
            {
                var result = engine.Run(image);
                foreach (var (text, box) in truth)
                {
                    lines++;
                    var best = result.Regions.Select(r => (r, IoU: PolygonMath.IoU(r.Polygon, box.Corners())))
                        .OrderByDescending(x => x.IoU).FirstOrDefault();
                    if (best.r is null || best.IoU < 0.5) continue;
                    found++;
                    var read = string.Join(' ', best.r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    edits += TextDistance.Levenshtein(text, read);
                    chars += text.Length;
                    editsNoSpace += TextDistance.Levenshtein(text.Replace(" ", ""), read.Replace(" ", ""));
                    charsNoSpace += text.Replace(" ", "").Length;
                    if (read == text) exact++;
                }
            }
            double recall = (double)found / lines, cer = (double)edits / Math.Max(1, chars), cerNoSpace = (double)editsNoSpace / Math.Max(1, charsNoSpace);
            Console.WriteLine($"{$"{margin.Along:0.##}, {margin.Across:0.##} line heights",-28} {recall,8:P1} {cer,8:P2} {cerNoSpace,15:P2} {(double)exact / Math.Max(1, found),12:P1}");
            rows.Add(new { along = margin.Along, across = margin.Across, recall = Math.Round(recall, 4), cer = Math.Round(cer, 5), cer_without_spaces = Math.Round(cerNoSpace, 5) });
        }
        foreach (var (image, _) in rendered) image.Dispose();
        Console.WriteLine(JsonSerializer.Serialize(new { pages, seed, dense, fonts = fonts.Count, results = rows }));
        return 0;
    }

    /// <summary>The fonts named by <c>--fonts DIR</c> (refused when DIR is not a folder) beside the shipped ones.</summary>
    public static List<string> Fonts(string[] args)
    {
        var folder = CliArgs.PathOption(args, "--fonts");
        if (folder is not null && !Directory.Exists(folder)) throw new CliUsageException($"no folder '{folder}'");
        return Fonts(folder);
    }

    /// <summary>The shipped DejaVu fonts, and every .ttf under <paramref name="folder"/> if given.</summary>
    public static List<string> Fonts(string? folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "fonts"), "*.ttf")
            .Concat(folder is null ? [] : Directory.GetFiles(folder, "*.ttf", SearchOption.AllDirectories)).Order().ToList();

    public static (SKBitmap Image, List<(string Text, Box Box)> Truth) Page(Random rng, IReadOnlyList<string> fonts, bool dense)
    {
        var count = dense ? 10 + rng.Next(10) : 4 + rng.Next(5);
        var size = 14 + rng.Next(31);
        var pitch = dense ? (int)Math.Ceiling(size * 1.3) : 80;
        var bitmap = new SKBitmap(new SKImageInfo(1000, 100 + count * pitch, SKColorType.Rgba8888, SKAlphaType.Premul));
        var truth = new List<(string, Box)>();
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor((byte)rng.Next(230, 256), (byte)rng.Next(230, 256), (byte)rng.Next(220, 256)));
        using var typeface = SKTypeface.FromFile(fonts[rng.Next(fonts.Count)]);
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor((byte)rng.Next(0, 60), (byte)rng.Next(0, 60), (byte)rng.Next(0, 60)) };
        for (int i = 0; i < count; i++)
        {
            using var font = new SKFont(typeface, dense ? size : 14 + rng.Next(31));
            var text = Line(rng);
            font.MeasureText(text, out var bounds, paint);
            if (bounds.Width > 900) continue;
            float x = 30 + rng.Next(Math.Max(1, (int)(940 - bounds.Width))), baseline = 70 + i * pitch;
            canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
            truth.Add((text, new Box(x + bounds.Left, baseline + bounds.Top, bounds.Width, bounds.Height)));
        }
        return (bitmap, truth);
    }

    static string Line(Random rng) => string.Join(' ', Enumerable.Range(0, 2 + rng.Next(4)).Select(_ => Word(rng)));

    /// <summary>A word of a form or receipt: a number, an amount or an English word.</summary>
    public static string Word(Random rng) => rng.Next(6) switch
    {
        0 => rng.Next(10, 99999).ToString(CultureInfo.InvariantCulture),
        1 => (rng.Next(1, 999) + rng.Next(100) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
        _ => Words[rng.Next(Words.Length)],
    };
}
