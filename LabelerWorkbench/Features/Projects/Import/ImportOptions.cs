using System.ComponentModel.DataAnnotations;

namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>Settings under <c>Import</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>Largest image accepted, in pixels (width × height). Default 100 megapixels.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Largest file accepted, in bytes. Default 200 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// Largest upload request, in bytes, all its files together. Default 2 GB. Only the upload endpoints take
    /// this much; every other request keeps Kestrel's 30 MB. A single file over <see cref="MaxFileBytes"/> is
    /// refused alone, the rest of its batch imported.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 2048L * 1024 * 1024;

    /// <summary>
    /// Pixels that may be decoded at once across the server (every upload, folder import and API call together).
    /// Default 200 megapixels: two images at the pixel limit, or many small ones. Raised to
    /// <see cref="MaxPixels"/> if set lower.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long DecodePixelBudget { get; set; } = 200_000_000;

    /// <summary>How long an image waits for room in the decode budget before it is refused as busy. Default 2 s.</summary>
    [Range(0, 600_000)]
    public int DecodeWaitMs { get; set; } = 2_000;

    /// <summary>
    /// Server folders a lead may import from (and their subfolders). Empty means only
    /// <c>DataDirectory/import</c>. Any other path is refused, so the import form cannot read the server's files.
    /// </summary>
    public List<string> AllowedFolders { get; set; } = [];

    /// <summary>Why a file over <see cref="MaxFileBytes"/> is refused, the same wherever it arrives.</summary>
    public string FileTooLargeMessage => $"The file is larger than the {Megabytes(MaxFileBytes)} limit.";

    /// <summary>A byte limit as people read it: "200 MB", "1.5 MB", "512 KB" (never rounded down to a smaller limit).</summary>
    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.##} MB")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KB");
}
