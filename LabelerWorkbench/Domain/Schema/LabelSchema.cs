namespace LabelerWorkbench.Domain.Schema;

public enum GeometryKind { Box = 0, Polygon = 1 }

/// <summary>One class of a project's label schema, as the annotate page and validation see it.</summary>
public sealed record LabelClassInfo(
    int Id,
    string Name,
    string Color,
    string? Hotkey,
    bool AllowBox,
    bool AllowPolygon,
    bool RequiresTranscription)
{
    public bool Allows(GeometryKind kind) => kind == GeometryKind.Box ? AllowBox : AllowPolygon;
}

public sealed record LabelSchema(IReadOnlyList<LabelClassInfo> Classes)
{
    public LabelClassInfo? Find(int? id) => id is null ? null : Classes.FirstOrDefault(c => c.Id == id);
}
