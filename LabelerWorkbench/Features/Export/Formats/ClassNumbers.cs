using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>A class's 0-based position in the schema: the YOLO class index, and COCO's category id minus one.</summary>
public static class ClassNumbers
{
    public static IReadOnlyDictionary<int, int> For(LabelSchema schema) =>
        schema.Classes.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
}
