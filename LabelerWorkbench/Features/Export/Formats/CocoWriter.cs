using System.Text.Encodings.Web;
using System.Text.Json;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// COCO instances: one JSON file. Categories are the schema's classes numbered from 1 in schema order; each region
/// is an annotation with its outline as the polygon <c>segmentation</c>, <c>bbox</c> [x, y, w, h], the polygon's
/// <c>area</c>, <c>iscrowd</c> 0 and its transcription under <c>attributes</c> (as CVAT writes it).
/// Two passes over the items (images, then annotations) keep memory flat.
/// </summary>
public sealed class CocoWriter : IExportWriter
{
    public int Work(IExportSource source) => 2 * source.Count;

    public async Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct)
    {
        // Relaxed escaping keeps non-ASCII text readable; the writer still escapes quotes and control characters.
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var categories = ClassNumbers.For(source.Schema);
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("description", source.ProjectName);
        json.WriteString("date_created", DateTime.UtcNow.ToString("O"));
        json.WriteEndObject();
        json.WriteStartArray("licenses");
        json.WriteEndArray();
        json.WriteStartArray("categories");
        foreach (var c in source.Schema.Classes)
        {
            json.WriteStartObject();
            json.WriteNumber("id", categories[c.Id] + 1);
            json.WriteString("name", c.Name);
            json.WriteString("supercategory", "");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var done = 0;
        var names = new ExportNames();
        json.WriteStartArray("images");
        await foreach (var item in source.ItemsAsync(ct))
        {
            json.WriteStartObject();
            json.WriteNumber("id", item.TaskId);
            json.WriteString("file_name", names.For(item));
            json.WriteNumber("width", item.Width);
            json.WriteNumber("height", item.Height);
            json.WriteEndObject();
            progress.Report(++done);
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
        }
        json.WriteEndArray();

        var annotationId = 0;
        json.WriteStartArray("annotations");
        await foreach (var item in source.ItemsAsync(ct))
        {
            foreach (var region in item.Regions)
            {
                if (region.ClassId is not { } classId || !categories.TryGetValue(classId, out var index)) continue;
                var outline = region.Outline;
                var box = region.Bounds;
                json.WriteStartObject();
                json.WriteNumber("id", ++annotationId);
                json.WriteNumber("image_id", item.TaskId);
                json.WriteNumber("category_id", index + 1);
                json.WriteStartArray("segmentation");
                json.WriteStartArray();
                foreach (var p in outline) { json.WriteNumberValue(Round(p.X)); json.WriteNumberValue(Round(p.Y)); }
                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteStartArray("bbox");
                json.WriteNumberValue(Round(box.X)); json.WriteNumberValue(Round(box.Y));
                json.WriteNumberValue(Round(box.Width)); json.WriteNumberValue(Round(box.Height));
                json.WriteEndArray();
                json.WriteNumber("area", Round(PolygonMath.Area(outline)));
                json.WriteNumber("iscrowd", 0);
                json.WriteStartObject("attributes");
                json.WriteString("transcription", region.Transcription);
                json.WriteString("region_id", region.Id);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            progress.Report(++done);
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    /// <summary>Hundredths of a pixel: enough for any annotation, and no float noise in the file.</summary>
    internal static double Round(double v) => Math.Round(v, 2);
}
