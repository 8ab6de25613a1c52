using System.Text.Json;
using System.Text.Json.Serialization;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Quality.Training;

/// <summary>A region in a module file: a label name, a box [x, y, w, h] or a polygon, and its text.</summary>
public sealed record ModuleRegion(string Label, double[]? Box = null, double[][]? Polygon = null, string Text = "");

public sealed record ModuleClass(string Name, string Color = "#1e88e5", bool Transcription = true);

/// <summary>A practice task: an image, the suggestions the labeler starts from, and the answer.</summary>
public sealed record PracticeTask(string Image, int Width, int Height, IReadOnlyList<ModuleRegion> Suggestions, IReadOnlyList<ModuleRegion> Answer);

/// <summary>The <c>module.json</c> of a training module folder; the lesson is <c>lesson.md</c> beside it.</summary>
public sealed record ModuleFile(string Code, string Title, double PassMark, IReadOnlyList<ModuleClass> Classes, IReadOnlyList<PracticeTask> Practice)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A loaded training module: its lesson, its own small label schema and its practice tasks.</summary>
public sealed record TrainingModule(string Id, ErrorCode Code, string Title, double PassMark, string Lesson, string Folder,
    LabelSchema Schema, IReadOnlyList<PracticeTask> Practice)
{
    public IReadOnlyList<RegionData> Regions(IReadOnlyList<ModuleRegion> regions, RegionSource source, bool pending) =>
        regions.Select((r, i) => ToRegion(r, source, pending, i)).ToList();

    RegionData ToRegion(ModuleRegion r, RegionSource source, bool pending, int index)
    {
        var cls = Schema.Classes.FirstOrDefault(c => c.Name == r.Label) ?? Schema.Classes[0];
        var provenance = source == RegionSource.Model
            ? new Provenance(RegionSource.Model, null, "training", Id, 0.9)
            : new Provenance(source, null);
        // Stable ids per module and position, so a practice attempt can be scored against its suggestions.
        var id = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{Id}/{source}/{index}/{r.Text}")));
        return r.Polygon is { Length: >= 3 } poly
            ? new RegionData(id, GeometryKind.Polygon, cls.Id, poly.Select(p => new Point2(p[0], p[1])).ToList(), r.Text, provenance, pending)
            : new RegionData(id, GeometryKind.Box, cls.Id, [new Point2(r.Box![0], r.Box[1]), new Point2(r.Box[0] + r.Box[2], r.Box[1] + r.Box[3])], r.Text, provenance, pending);
    }
}
