using System.Text.Encodings.Web;
using System.Text.Json;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Export;

/// <summary>A region as it leaves the tool (JSONL export, API result, webhook): class by name, points as [x, y] pairs, provenance.</summary>
public sealed record RegionRecord(Guid Id, string Kind, string? Class, double[][] Points, string Transcription, ProvenanceRecord Provenance)
{
    public static RegionRecord From(RegionData r, LabelSchema schema) => new(
        r.Id, r.Kind == GeometryKind.Box ? "box" : "polygon", schema.Find(r.ClassId)?.Name,
        r.Points.Select(p => new[] { p.X, p.Y }).ToArray(), r.Transcription,
        new ProvenanceRecord(r.Provenance.Source.ToString().ToLowerInvariant(), r.Provenance.CreatedBy, r.Provenance.ModelName,
            r.Provenance.ModelVersion, r.Provenance.Confidence, r.Provenance.DerivedFrom));

    public static IReadOnlyList<RegionRecord> From(IEnumerable<RegionData> regions, LabelSchema schema) =>
        regions.Select(r => From(r, schema)).ToList();
}

public sealed record ProvenanceRecord(string Source, string? CreatedBy, string? ModelName, string? ModelVersion, double? Confidence, Guid? DerivedFrom);

/// <summary>A completed task's result: the body of the <c>task.completed</c> webhook and of the API's result endpoint.</summary>
public sealed record TaskResult(
    string Event, int ProjectId, int TaskId, string FileName, string ImageSha256, int Width, int Height,
    string Status, int Revision, DateTime CompletedAt, IReadOnlyList<RegionRecord> Regions, ConsensusRecord? Consensus = null)
{
    public const string CompletedEvent = "task.completed";
}

public static class ExportJson
{
    /// <summary>snake_case names; non-ASCII text kept readable (quotes and control characters are still escaped).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
