using System.Text.Json;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality.Training;
using SkiaSharp;

namespace LabelerWorkbench.Cli;

/// <summary>
/// Makes the shipped modules' images and practice tasks (<c>-- generate-training</c>): rendered text scenes whose
/// ground truth is known, with suggestions that carry the module's kind of mistake. Lessons are written by hand
/// and kept if present.
/// </summary>
public static class TrainingContent
{
    static readonly SampleImages.Scene[] Scenes =
    [
        new("practice-1.png", 640, 360, "#ffffff",
        [
            new("Order 5521", 40, 70, 34), new("Paper towels  4.99", 40, 150, 28, Mono: true),
            new("Dish soap     2.79", 40, 210, 28, Mono: true), new("Total         7.78", 40, 290, 30, Mono: true),
        ]),
        new("practice-2.png", 640, 360, "#fdf6e3",
        [
            new("Platform 3", 40, 80, 44), new("Next train 10:45", 40, 170, 34),
            new("Calling at Leeds", 40, 240, 30), new("Price 12.50", 40, 310, 30),
        ]),
    ];

    static readonly string[] Prices = ["4.99", "2.79", "7.78", "12.50"];

    public static void WriteAll(string root, string assetsDir)
    {
        foreach (var code in ErrorCodes.All)
        {
            var folder = Path.Combine(root, code.Name());
            Directory.CreateDirectory(folder);
            var practice = new List<PracticeTask>();
            foreach (var scene in Scenes)
            {
                File.WriteAllBytes(Path.Combine(folder, scene.Name), SampleImages.RenderPng(scene, assetsDir));
                var boxes = SampleImages.LineBoxes(scene, assetsDir);
                var answer = scene.Lines.Zip(boxes).Select(x => Region(x.First.Text, x.Second)).ToList();
                practice.Add(new PracticeTask(scene.Name, scene.Width, scene.Height, Suggest(code, answer), answer));
            }
            WriteExamples(folder, code, Scenes[0], assetsDir);
            var file = new ModuleFile(code.Name(), Title(code), 0.9,
                [new ModuleClass("Text line", "#1e88e5"), new ModuleClass("Price", "#e53935")], practice);
            File.WriteAllText(Path.Combine(folder, "module.json"), JsonSerializer.Serialize(file, ModuleFile.Json));
        }
    }

    static ModuleRegion Region(string text, Box b) =>
        new(Prices.Any(text.EndsWith) && !text.Contains(' ') || text.StartsWith("Price") ? "Price" : "Text line", [b.X, b.Y, b.Width, b.Height], Text: text);

    /// <summary>The suggestions a practice task starts from: right, except for the module's kind of mistake.</summary>
    static IReadOnlyList<ModuleRegion> Suggest(ErrorCode code, IReadOnlyList<ModuleRegion> answer) => code switch
    {
        ErrorCode.MissedRegion => answer.Where((_, i) => i % 2 == 0).ToList(),
        ErrorCode.ExtraRegion => [.. answer, new ModuleRegion("Text line", [420, 20, 180, 50], Text: "smudge")],
        ErrorCode.WrongLabel => answer.Select((r, i) => i == 1 ? r with { Label = r.Label == "Price" ? "Text line" : "Price" } : r).ToList(),
        ErrorCode.LooseGeometry => answer.Select((r, i) => i % 2 == 1 ? r with { Box = Grow(r.Box!, 1.8) } : r).ToList(),
        ErrorCode.TightGeometry => answer.Select((r, i) => i % 2 == 1 ? r with { Box = Grow(r.Box!, 0.5) } : r).ToList(),
        ErrorCode.TranscriptionError => answer.Select((r, i) => i % 2 == 0 ? r with { Text = r.Text.Replace('o', '0').Replace('e', 'c') } : r).ToList(),
        _ => answer.Select((r, i) => i switch
        {
            1 => r with { Box = Grow(r.Box!, 1.8) },
            2 => r with { Text = r.Text.Replace('a', 'o') },
            _ => r,
        }).ToList(),
    };

    static double[] Grow(double[] b, double areaFactor)
    {
        var f = Math.Sqrt(areaFactor);
        var (w, h) = (b[2] * f, b[3] * f);
        return [Math.Round(Math.Max(0, b[0] - (w - b[2]) / 2)), Math.Round(Math.Max(0, b[1] - (h - b[3]) / 2)), Math.Round(w), Math.Round(h)];
    }

    static string Title(ErrorCode code) => code switch
    {
        ErrorCode.MissedRegion => "Find every text region",
        ErrorCode.ExtraRegion => "Only label real text",
        ErrorCode.WrongLabel => "Pick the right class",
        ErrorCode.LooseGeometry => "Fit regions tightly",
        ErrorCode.TightGeometry => "Do not crop the text",
        ErrorCode.TranscriptionError => "Transcribe exactly what is written",
        ErrorCode.AcceptedBadSuggestion => "Check every suggestion before accepting it",
        _ => code.Title(),
    };

    /// <summary>right.png and wrong.png: the same lines, drawn well and drawn with the module's mistake.</summary>
    static void WriteExamples(string folder, ErrorCode code, SampleImages.Scene scene, string assetsDir)
    {
        var boxes = SampleImages.LineBoxes(scene, assetsDir);
        var answer = scene.Lines.Zip(boxes).Select(x => Region(x.First.Text, x.Second)).ToList();
        Draw(Path.Combine(folder, "right.png"), scene, assetsDir, answer, SKColors.ForestGreen);
        Draw(Path.Combine(folder, "wrong.png"), scene, assetsDir, Suggest(code, answer), SKColors.Crimson);
    }

    static void Draw(string path, SampleImages.Scene scene, string assetsDir, IReadOnlyList<ModuleRegion> regions, SKColor color)
    {
        using var background = SKImage.FromEncodedData(SampleImages.RenderPng(scene, assetsDir));
        using var surface = SKSurface.Create(new SKImageInfo(scene.Width, scene.Height));
        var canvas = surface.Canvas;
        canvas.DrawImage(background, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        using var stroke = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
        using var typeface = SKTypeface.FromFile(SampleImages.FontPath(assetsDir, false));
        using var font = new SKFont(typeface, 14);
        using var fill = new SKPaint { Color = color, IsAntialias = true };
        foreach (var r in regions)
        {
            var b = r.Box!;
            canvas.DrawRect((float)b[0], (float)b[1], (float)b[2], (float)b[3], stroke);
            canvas.DrawText($"{r.Label}: {r.Text}", (float)(b[0] + b[2] + 6), (float)(b[1] + 14), SKTextAlign.Left, font, fill);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
