using System.Text.Json;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// Full fidelity, one JSON object per image and line: the latest regions and every revision, each region with
/// its class, geometry, transcription and provenance (who or which model made it, confidence, what it came from).
/// </summary>
public sealed class JsonlWriter : IExportWriter
{
    static readonly JsonWriterOptions Options = new() { Encoder = ExportJson.Options.Encoder };

    public async Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct)
    {
        var done = 0;
        var names = new ExportNames();
        await using var json = new Utf8JsonWriter(output, Options);
        await foreach (var item in source.ItemsAsync(ct))
        {
            json.Reset();
            json.WriteStartObject();
            json.WriteNumber("task_id", item.TaskId);
            json.WriteString("image", names.For(item));
            json.WriteString("sha256", item.ImageSha256);
            json.WriteNumber("width", item.Width);
            json.WriteNumber("height", item.Height);
            json.WriteString("status", item.Status.ToString().ToLowerInvariant());
            json.WriteString("completed_at", DateTime.SpecifyKind(item.CompletedAt, DateTimeKind.Utc));
            WriteRegions(json, "regions", item.Regions, source.Schema);
            json.WriteStartArray("revisions");
            foreach (var revision in item.History)
            {
                json.WriteStartObject();
                json.WriteNumber("number", revision.Number);
                json.WriteString("submitted_by", revision.SubmittedBy);
                json.WriteString("submitted_at", DateTime.SpecifyKind(revision.SubmittedAt, DateTimeKind.Utc));
                WriteRegions(json, "regions", revision.Regions, source.Schema);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (item.Consensus is { } consensus)
            {
                json.WritePropertyName("consensus");
                JsonSerializer.Serialize(json, consensus, ExportJson.Options);
            }
            json.WriteEndObject();
            await json.FlushAsync(ct);
            output.WriteByte((byte)'\n');
            progress.Report(++done);
        }
    }

    static void WriteRegions(Utf8JsonWriter json, string name, IReadOnlyList<RegionData> regions, LabelSchema schema)
    {
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, RegionRecord.From(regions, schema), ExportJson.Options);
    }
}
