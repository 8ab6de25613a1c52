using System.Collections.Concurrent;
using LabelerWorkbench.Inference.Models;
using LabelerWorkbench.Inference.Ocr;
using LabelerWorkbench.Inference.Yolo;
using SkiaSharp;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>A model's proposal for one region, before it is fitted to a project's schema.</summary>
public sealed record Proposal(IReadOnlyList<Point2> Polygon, bool IsBox, string Text, double Confidence, IReadOnlyList<double> CharConfidences, string? ClassName, string ModelName, string ModelVersion);

/// <summary>Runs a project's choice of models on an image: the OCR pair, or a box detector.</summary>
public sealed class ModelRunner(ModelRegistry registry)
{
    readonly ConcurrentDictionary<string, (OcrEngine? Engine, string? Error)> engines = new();

    public ModelRegistry Registry => registry;

    /// <returns>The proposals, or why the models could not run.</returns>
    public (IReadOnlyList<Proposal>? Proposals, string? Error) Run(SKBitmap image, string? detection, string? recognition, string? boxModel)
    {
        if (boxModel is not null) return RunBoxes(image, boxModel);
        var (engine, error) = engines.GetOrAdd($"{detection}|{recognition}", _ => OcrEngine.Create(registry, detection, recognition));
        if (engine is null) return (null, error);
        var result = engine.Run(image);
        var name = $"{engine.DetectionModel.Name}+{engine.RecognitionModel.Name}";
        var version = engine.DetectionModel.Version == engine.RecognitionModel.Version
            ? engine.DetectionModel.Version : $"{engine.DetectionModel.Version}+{engine.RecognitionModel.Version}";
        return (result.Regions.Select(r => new Proposal(r.Polygon, false, r.Text, r.Confidence, r.CharConfidences, null,
            name, version)).ToList(), null);
    }

    (IReadOnlyList<Proposal>?, string?) RunBoxes(SKBitmap image, string name)
    {
        var manifest = registry.Find(name);
        if (manifest is null || manifest.Kind != ModelKinds.BoxDetection) return (null, $"No box-detection model named '{name}' is installed.");
        var (session, error) = registry.Session(manifest);
        if (session is null) return (null, error);
        var classes = manifest.ClassNames ?? [];
        var boxes = new BoxDetector(session, manifest.InputSize, classes.Count).Detect(image);
        return (boxes.Select(b => new Proposal(b.Box.Corners(), true, "", b.Score, [],
            b.ClassIndex < classes.Count ? classes[b.ClassIndex] : null, manifest.Name, manifest.Version)).ToList(), null);
    }
}
