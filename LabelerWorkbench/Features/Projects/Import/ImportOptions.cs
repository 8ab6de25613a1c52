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
    /// Server folders a lead may import from (and their subfolders). Empty means only
    /// <c>DataDirectory/import</c>. Any other path is refused, so the import form cannot read the server's files.
    /// </summary>
    public List<string> AllowedFolders { get; set; } = [];
}
