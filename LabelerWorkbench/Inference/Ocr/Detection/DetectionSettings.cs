using LabelerWorkbench.Inference.Models;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// How a page is fed to the text detector. A page whose long side is at most <see cref="MaxSide"/> is read whole,
/// shrunk to <see cref="InputSize"/> if larger; a bigger page is read in overlapping tiles of <see cref="InputSize"/>
/// at its own scale, so small text on a large scan keeps its pixels (shrinking a 4000 px page to 960 px left 3.5 % of
/// its words findable). Text taller than <see cref="TileOverlap"/> can be cut by every tile; a whole-page pass
/// keeps it. A line whose ink has a gap wider than <see cref="SplitGap"/> ink heights is two regions.
/// </summary>
public sealed record DetectionSettings(int InputSize = 960, int MaxSide = 1280, int TileOverlap = 160, double SplitGap = 1.5)
{
    /// <summary>The model's own settings from its manifest (<c>inputSize</c>, <c>maxSide</c>, <c>tileOverlap</c>).</summary>
    public static DetectionSettings For(ModelManifest detector)
    {
        var input = RoundTo32(detector.InputSize > 0 ? detector.InputSize : 960);
        return new DetectionSettings(input, detector.MaxSide ?? input, detector.TileOverlap ?? input / 6);
    }

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() =>
        InputSize < 64 || InputSize > 4096 ? $"the detection input size must be 64–4096 px (is {InputSize})"
        : MaxSide < 64 ? $"the whole-page limit must be at least 64 px (is {MaxSide})"
        : TileOverlap < 0 || TileOverlap > InputSize / 2 ? $"the tile overlap must be 0–{InputSize / 2} px, half a tile (is {TileOverlap})"
        : SplitGap <= 0 ? $"the line split gap must be above 0 ink heights (is {SplitGap})"
        : null;

    static int RoundTo32(int v) => Math.Max(32, (v + 16) / 32 * 32);
}
