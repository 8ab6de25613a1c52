using System.Diagnostics;
using LabelerWorkbench.Inference.Models;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// One text region as the pipeline returns it. <see cref="Confidence"/> is the calibrated chance that the text is
/// exactly right (the raw mean character probability when the recogniser has no calibration); the two characters
/// beside a likely lost space carry at most <see cref="OcrEngine.SpaceDoubt"/>.
/// </summary>
public sealed record OcrRegion(IReadOnlyList<Point2> Polygon, string Text, double Confidence, double DetectionScore, IReadOnlyList<double> CharConfidences,
    double RawConfidence = 0, double WidestGap = 0);

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
    public DetectionSettings Detection => detector.Settings;

    OcrEngine(ModelManifest det, ModelManifest rec, TextDetector detector, TextRecognizer recognizer, LineConfidence? calibration)
    {
        (DetectionModel, RecognitionModel, this.detector, this.recognizer, Calibration) = (det, rec, detector, recognizer, calibration);
    }

    /// <summary>The recogniser's fitted line confidence; null reports raw mean character probabilities (as <c>calibrate-ocr</c> needs).</summary>
    public LineConfidence? Calibration { get; set; }

    /// <summary>Builds the engine, or says why it cannot (a model missing, corrupt or not loadable).</summary>
    /// <param name="settings">How pages are fed to the detector; the detection model's manifest when null.</param>
    public static (OcrEngine? Engine, string? Error) Create(ModelRegistry registry, string? detection = null, string? recognition = null,
        DetectionSettings? settings = null)
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
        settings ??= DetectionSettings.For(det);
        if (settings.Problem() is { } problem) return (null, $"Model {det.Name}: {problem}.");
        LineConfidence? calibration = null;
        if (rec.CalibrationPath is { } path)
        {
            try { calibration = LineConfidence.Read(path); }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                return (null, $"The confidence calibration of {rec.Name} cannot be read: {ex.Message}");
            }
        }
        return (new OcrEngine(det, rec, new TextDetector(detSession, settings), new TextRecognizer(recSession, CtcDecoder.FromFile(rec.KeysPath)), calibration), null);
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
    static RecognizedText Trimmed(RecognizedText r)
    {
        var start = r.Text.Length - r.Text.TrimStart().Length;
        var text = r.Text.Trim();
        if (text.Length == r.Text.Length || r.CharConfidences.Count != r.Text.Length) return r with { Text = text };
        var confidences = r.CharConfidences.Skip(start).Take(text.Length).ToList();
        return r with { Text = text, CharConfidences = confidences, Confidence = confidences.Count == 0 ? 0 : confidences.Average(), WidestGapAfter = r.WidestGapAfter - start };
    }

    /// <summary>The confidence given to the two characters beside a likely lost space.</summary>
    public const double SpaceDoubt = 0.5;

    /// <summary>The calibrated line confidence, and the characters beside a likely lost space marked doubtful.</summary>
    OcrRegion Region(DetectedText d, RecognizedText raw)
    {
        var r = Trimmed(raw);
        if (Calibration is not { } calibration) return new OcrRegion(d.Quad, r.Text, r.Confidence, d.Score, r.CharConfidences, r.Confidence, r.WidestGap);
        var confidence = calibration.Probability(LineEvidence.Of(r));
        var chars = r.CharConfidences.ToArray();
        var at = calibration.SuspectedLostSpace(r.Text, r);
        if (at >= 0 && at + 1 < chars.Length && chars.Length == r.Text.Length)
        {
            // Lines like this were right only as often as measured; and the reader sees where: a lost space is an
            // error the text alone never shows.
            confidence = Math.Min(confidence, calibration.SuspectedExact);
            chars[at] = Math.Min(chars[at], SpaceDoubt);
            chars[at + 1] = Math.Min(chars[at + 1], SpaceDoubt);
        }
        return new OcrRegion(d.Quad, r.Text, confidence, d.Score, chars, r.Confidence, r.WidestGap);
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
        List<SKBitmap> crops;
        using (var page = ImageTensors.View(image))
            crops = found.Select(d => ImageTensors.CropQuad(page, Expand(d.Quad, CropMargin.Along, CropMargin.Across))).ToList();
        try
        {
            var texts = recognizer.Recognize(crops);
            var regions = found.Select((d, i) => Region(d, texts[i])).Where(r => r.Text.Length > 0).ToList();
            var totalMs = total.Elapsed.TotalMilliseconds;
            return new OcrResult(image.Width, image.Height, regions, new OcrTimings(detectMs, totalMs - detectMs, totalMs, detection));
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
        }
    }
}
