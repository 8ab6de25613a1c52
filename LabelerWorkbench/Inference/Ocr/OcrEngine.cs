using System.Diagnostics;
using LabelerWorkbench.Inference.Models;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>One text region as the pipeline returns it.</summary>
public sealed record OcrRegion(IReadOnlyList<Point2> Polygon, string Text, double Confidence, double DetectionScore, IReadOnlyList<double> CharConfidences);

public sealed record OcrResult(int Width, int Height, IReadOnlyList<OcrRegion> Regions, OcrTimings Timings);

/// <summary>Milliseconds spent: detection split into pre-processing, network and DB post-processing; recognition with its crops.</summary>
public sealed record OcrTimings(double DetectMs, double RecognizeMs, double TotalMs, DetectionTimings Detection);

/// <summary>Detection then recognition with the registry's default PP-OCR models.</summary>
public sealed class OcrEngine
{
    readonly TextDetector detector;
    readonly TextRecognizer recognizer;

    public ModelManifest DetectionModel { get; }
    public ModelManifest RecognitionModel { get; }

    OcrEngine(ModelManifest det, ModelManifest rec, TextDetector detector, TextRecognizer recognizer)
    {
        (DetectionModel, RecognitionModel, this.detector, this.recognizer) = (det, rec, detector, recognizer);
    }

    /// <summary>Builds the engine, or says why it cannot (a model missing, corrupt or not loadable).</summary>
    public static (OcrEngine? Engine, string? Error) Create(ModelRegistry registry, string? detection = null, string? recognition = null)
    {
        var det = detection is null ? registry.FirstOfKind(ModelKinds.TextDetection) : registry.Find(detection);
        var rec = recognition is null ? registry.FirstOfKind(ModelKinds.TextRecognition) : registry.Find(recognition);
        if (det is null) return (null, "No text-detection model is installed (assets/models).");
        if (rec is null) return (null, "No text-recognition model is installed (assets/models).");
        var (detSession, detError) = registry.Session(det);
        if (detSession is null) return (null, detError);
        var (recSession, recError) = registry.Session(rec);
        if (recSession is null) return (null, recError);
        if (rec.KeysPath is null) return (null, $"Model {rec.Name} has no character list in its manifest.");
        return (new OcrEngine(det, rec, new TextDetector(detSession), new TextRecognizer(recSession, CtcDecoder.FromFile(rec.KeysPath))), null);
    }

    /// <summary>
    /// How far each detected line's crop is grown before recognition, as fractions of the line's height: along the
    /// line (each end) and across it (above and below). The detector's boxes hug the ink; cropped that tightly, the
    /// recogniser drops word spaces (measured by <c>bench-text</c>, see the README).
    /// </summary>
    public (double Along, double Across) CropMargin { get; set; } = DefaultCropMargin;
    public static readonly (double Along, double Across) DefaultCropMargin = (0.1, 0.4);

    /// <summary>
    /// Without the spaces a grown crop can read at either end (the gap to a neighbouring box); each character keeps
    /// its own confidence.
    /// </summary>
    static OcrRegion Trimmed(OcrRegion r)
    {
        var start = r.Text.Length - r.Text.TrimStart().Length;
        var text = r.Text.Trim();
        if (text.Length == r.Text.Length) return r;
        var confidences = r.CharConfidences.Count == r.Text.Length ? r.CharConfidences.Skip(start).Take(text.Length).ToList() : r.CharConfidences;
        return r with { Text = text, CharConfidences = confidences };
    }

    /// <summary>The quadrilateral grown by <paramref name="fx"/> line heights at each end and <paramref name="fy"/> above and below.</summary>
    public static IReadOnlyList<Point2> Expand(IReadOnlyList<Point2> q, double fx, double fy)
    {
        if (fx == 0 && fy == 0) return q;
        var (tl, tr, br, bl) = (q[0], q[1], q[2], q[3]);
        var along = (tr - tl) * (1 / Math.Max(1e-9, Dist(tl, tr)));
        var across = (bl - tl) * (1 / Math.Max(1e-9, Dist(tl, bl)));
        var h = (Dist(tl, bl) + Dist(tr, br)) / 2;
        var dx = along * (fx * h); var dy = across * (fy * h);
        return [tl - dx - dy, tr + dx - dy, br + dx + dy, bl - dx + dy];
    }
    static double Dist(Point2 a, Point2 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    public OcrResult Run(SKBitmap image)
    {
        var total = Stopwatch.StartNew();
        var found = detector.Detect(image, out var detection);
        var detectMs = total.Elapsed.TotalMilliseconds;
        var crops = found.Select(d => ImageTensors.CropQuad(image, Expand(d.Quad, CropMargin.Along, CropMargin.Across))).ToList();
        try
        {
            var texts = recognizer.Recognize(crops);
            var regions = found.Select((d, i) => Trimmed(new OcrRegion(d.Quad, texts[i].Text, texts[i].Confidence, d.Score, texts[i].CharConfidences)))
                .Where(r => r.Text.Length > 0).ToList();
            var totalMs = total.Elapsed.TotalMilliseconds;
            return new OcrResult(image.Width, image.Height, regions, new OcrTimings(detectMs, totalMs - detectMs, totalMs, detection));
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
        }
    }
}
