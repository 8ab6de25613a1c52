
namespace LabelerWorkbench.Domain.Regions;

/// <summary>
/// What a region must satisfy. Edits come from the browser, so they are checked like any public input
/// (<see cref="CheckEdit"/>); <see cref="CheckSubmit"/> adds the schema rules a finished task must meet.
/// </summary>
public static class RegionRules
{
    public const int MaxPolygonVertices = 5_000;
    public const int MaxTranscriptionLength = 10_000;
    public const int MaxRegionsPerTask = 20_000;
    /// <summary>
    /// All the points of one task together. A task at the region limit with every polygon at the vertex limit
    /// would hold 100 million points (gigabytes); a dense page of 3,000 lines holds 12,000, and 500 detailed
    /// segmentation masks of 400 vertices each 200,000.
    /// </summary>
    public const int MaxPointsPerTask = 250_000;
    /// <summary>All the transcriptions of one task together: a dense page holds about 30,000 characters.</summary>
    public const int MaxCharactersPerTask = 1_000_000;
    /// <summary>Regions may stick out of the image by a little (pointer slop); more is a bad payload.</summary>
    const double Slack = 2;

    public static string? CheckEdit(RegionData r, int imageWidth, int imageHeight, LabelSchema schema)
    {
        if (r.Id == Guid.Empty) return "A region needs an id.";
        if (r.Points.Any(p => !p.IsFinite)) return "A region has a coordinate that is not a number.";
        if (r.Points.Any(p => p.X < -Slack || p.Y < -Slack || p.X > imageWidth + Slack || p.Y > imageHeight + Slack))
            return "A region lies outside the image.";
        switch (r.Kind)
        {
            case GeometryKind.Box when r.Points.Count != 2:
                return "A box needs exactly two corner points.";
            case GeometryKind.Box when r.Bounds.Width < 1 || r.Bounds.Height < 1:
                return "A box must be at least one pixel wide and high.";
            case GeometryKind.Polygon when r.Points.Count < 3:
                return "A polygon needs at least three vertices.";
            case GeometryKind.Polygon when r.Points.Count > MaxPolygonVertices:
                return $"A polygon may have at most {MaxPolygonVertices} vertices.";
            case not (GeometryKind.Box or GeometryKind.Polygon):
                return "Unknown region kind.";
        }
        if (r.Transcription.Length > MaxTranscriptionLength)
            return $"A transcription may be at most {MaxTranscriptionLength} characters.";
        if (r.ClassId is not null)
        {
            var cls = schema.Find(r.ClassId);
            if (cls is null) return "The region's class is not in this project's schema.";
            if (!cls.Allows(r.Kind)) return $"Class '{cls.Name}' does not allow a {r.Kind.ToString().ToLowerInvariant()}.";
        }
        return null;
    }

    /// <summary>Whether a task with these totals stays within the per-task budget; the reason when it does not.</summary>
    public static string? CheckTaskTotals(long regions, long points, long characters) =>
        regions > MaxRegionsPerTask ? $"A task may hold at most {MaxRegionsPerTask:N0} regions."
        : points > MaxPointsPerTask ? $"A task may hold at most {MaxPointsPerTask:N0} points in all its regions together; simplify some polygons."
        : characters > MaxCharactersPerTask ? $"A task may hold at most {MaxCharactersPerTask:N0} characters of transcription in all."
        : null;

    /// <summary>Every problem that blocks a submit, each phrased for the labeler, numbered as the region list shows them.</summary>
    public static IReadOnlyList<string> CheckSubmit(IReadOnlyList<RegionData> regions, LabelSchema schema)
    {
        var problems = new List<string>();
        for (int i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            var cls = schema.Find(r.ClassId);
            var name = $"Region {i + 1}" + (cls is null ? "" : $" ({cls.Name})");
            if (r.Pending) problems.Add($"{name}: accept, edit or delete the model's suggestion.");
            if (cls is null) { problems.Add($"{name}: choose a class."); continue; }
            if (!cls.Allows(r.Kind)) problems.Add($"{name}: class '{cls.Name}' does not allow a {r.Kind.ToString().ToLowerInvariant()}.");
            if (cls.RequiresTranscription && string.IsNullOrWhiteSpace(r.Transcription))
                problems.Add($"{name}: the transcription is required.");
            if (r.Kind == GeometryKind.Polygon && PolygonMath.Area(r.Points) < 1)
                problems.Add($"{name}: the polygon has no area.");
        }
        return problems;
    }
}
