using LabelerWorkbench.Inference.Models;
using LabelerWorkbench.Inference.Ocr;
using Microsoft.Extensions.Logging.Abstractions;

namespace LabelerWorkbench.Cli;

/// <summary>The OCR settings every OCR command accepts: how pages are tiled and split, and how ONNX Runtime uses the cores.</summary>
public static class OcrCliOptions
{
    public static readonly string[] Names = ["--max-side", "--tile-overlap", "--split-gap", "--threads", "--spinning"];

    public const string Usage = "[--max-side PX] [--tile-overlap PX] [--split-gap INK_HEIGHTS] [--threads N] [--spinning on|off]";

    /// <summary>The shipped models with the manifest's settings, changed by the options given.</summary>
    public static (ModelRegistry Registry, OcrEngine Engine) Open(string[] args)
    {
        var threading = new OnnxThreading(
            CliArgs.IntOption(args, "--threads", OnnxThreading.Default.IntraOpThreads, 1, 256),
            CliArgs.ChoiceOption(args, "--spinning", "off", "on", "off") == "on");
        var registry = new ModelRegistry([Path.Combine(AppContext.BaseDirectory, "assets", "models")], NullLogger<ModelRegistry>.Instance, threading);
        var detector = registry.FirstOfKind(ModelKinds.TextDetection);
        var defaults = detector is null ? new DetectionSettings() : DetectionSettings.For(detector);
        var settings = defaults with
        {
            MaxSide = CliArgs.IntOption(args, "--max-side", defaults.MaxSide, 64, 100_000),
            TileOverlap = CliArgs.IntOption(args, "--tile-overlap", defaults.TileOverlap, 0, defaults.InputSize / 2),
            SplitGap = CliArgs.DoubleOption(args, "--split-gap", defaults.SplitGap, 0.1, 1000),
        };
        var (engine, error) = OcrEngine.Create(registry, settings: settings);
        if (engine is null)
        {
            registry.Dispose();
            throw new OcrUnavailableException(error!);
        }
        return (registry, engine);
    }
}

/// <summary>The models cannot run (missing, corrupt); the command stops with exit code 1 and this message.</summary>
public sealed class OcrUnavailableException(string message) : Exception(message);
