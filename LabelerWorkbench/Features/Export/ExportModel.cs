using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Annotate.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Export;

public enum ExportFormat { Coco = 0, Yolo = 1, Voc = 2, Icdar = 3, Jsonl = 4 }

/// <summary>What to export: a format, accepted tasks only or every submitted one, and a window on when the work was last submitted.</summary>
public sealed record ExportOptions(ExportFormat Format, bool AcceptedOnly = true, DateTime? From = null, DateTime? To = null)
{
    /// <summary>The format's file: one JSON or JSONL file, or a zip holding a file per image and the images.</summary>
    public string FileExtension => Format switch
    {
        ExportFormat.Coco => ".json",
        ExportFormat.Jsonl => ".jsonl",
        _ => ".zip",
    };

    public static bool TryParseFormat(string? text, out ExportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format);
}

public sealed record ExportRevision(int Number, string SubmittedBy, DateTime SubmittedAt, IReadOnlyList<RegionData> Regions);

/// <summary>One image of an export with its latest regions, and (when the format keeps it) every revision.</summary>
public sealed record ExportItem(
    int TaskId, string FileName, string ImageSha256, int Width, int Height, LabelTaskStatus Status,
    DateTime CompletedAt, IReadOnlyList<RegionData> Regions, IReadOnlyList<ExportRevision> History);

/// <summary>
/// What a writer reads: the schema, a count, and the items, which can be enumerated more than once
/// (COCO writes its images, then its annotations) and are streamed, never all held at once.
/// </summary>
public interface IExportSource
{
    string ProjectName { get; }
    LabelSchema Schema { get; }
    int Count { get; }
    IAsyncEnumerable<ExportItem> ItemsAsync(CancellationToken ct);
    Stream OpenImage(string sha256);
}

public interface IExportWriter
{
    /// <param name="progress">Reports how many items were written, counted across all passes.</param>
    Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct);

    /// <summary>How many items the writer will report in all (passes × items).</summary>
    int Work(IExportSource source) => source.Count;
}
