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

    public OcrResult Run(SKBitmap image)
    {
        var total = Stopwatch.StartNew();
        var found = detector.Detect(image, out var detection);
        var detectMs = total.Elapsed.TotalMilliseconds;
        var crops = found.Select(d => ImageTensors.CropQuad(image, d.Quad)).ToList();
        try
        {
            var texts = recognizer.Recognize(crops);
            var regions = found.Select((d, i) => new OcrRegion(d.Quad, texts[i].Text, texts[i].Confidence, d.Score, texts[i].CharConfidences))
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
