using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Export;

public sealed record ExportRevision(int Number, string SubmittedBy, DateTime SubmittedAt, IReadOnlyList<RegionData> Regions);

/// <summary>One image of an export with its latest regions, and (when the format keeps it) every revision.</summary>
public sealed record ExportItem(
    int TaskId, string FileName, string ImageSha256, int Width, int Height, LabelTaskStatus Status,
    DateTime CompletedAt, IReadOnlyList<RegionData> Regions, IReadOnlyList<ExportRevision> History, ConsensusRecord? Consensus = null);

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
