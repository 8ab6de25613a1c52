using SkiaSharp;

namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>The result of checking an image: its facts, or why it is refused, or that the server is busy.</summary>
public sealed record AdmissionResult(ImageFacts? Facts, string? Error, bool Busy = false);

/// <summary>
/// How every import checks an image: the header first (size, format; no pixels decoded), then a decode within the
/// process-wide pixel budget. Shared by the import service and the decode benchmark, so the benchmark measures
/// what an upload costs.
/// </summary>
public static class ImageAdmission
{
    /// <param name="data">The file's bytes; a file mapped from disk keeps a large upload out of the heap.</param>
    public static async Task<AdmissionResult> CheckAsync(SKData data, long maxPixels, DecodeBudget budget, CancellationToken ct)
    {
        var (pixels, headerError) = ImageInspector.ReadHeader(data, maxPixels);
        if (headerError is not null) return new(null, headerError);
        using var reservation = await budget.TryReserveAsync(pixels, ct);
        if (reservation is null)
            return new(null, "The server is busy checking other large images; send this file again in a few seconds.", Busy: true);
        var (facts, error) = await Task.Run(() => ImageInspector.Inspect(data, maxPixels), ct);
        return new(facts, error);
    }
}
