using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Editor.Document;

/// <summary>
/// A region on the wire: between the canvas module and .NET, and in the REST API.
/// Provenance fields are output only; the server decides them, never the client.
/// </summary>
public sealed record RegionDto(
    Guid Id,
    string Kind,
    int? ClassId,
    double[][] Points,
    string? Transcription,
    string? Source = null,
    string? ModelName = null,
    double? Confidence = null,
    bool Pending = false)
{
    public static RegionDto From(RegionData r) => new(
        r.Id, r.Kind == GeometryKind.Box ? "box" : "polygon", r.ClassId,
        r.Points.Select(p => new[] { p.X, p.Y }).ToArray(), r.Transcription,
        r.Provenance.Source.ToString().ToLowerInvariant(), r.Provenance.ModelName, r.Provenance.Confidence, r.Pending);

    /// <summary>
    /// Reads an incoming region. A region that exists keeps its provenance; a new one is the user's.
    /// Returns null with a reason for a payload that is not a region at all (the geometry rules come after).
    /// </summary>
    public (RegionData? Region, string? Error) ToRegion(RegionData? existing, string userId)
    {
        GeometryKind kind;
        switch (Kind)
        {
            case "box": kind = GeometryKind.Box; break;
            case "polygon": kind = GeometryKind.Polygon; break;
            default: return (null, "A region's kind must be 'box' or 'polygon'.");
        }
        if (Points is null || Points.Length > RegionRules.MaxPolygonVertices || Points.Any(p => p is null || p.Length != 2))
            return (null, "A region's points must be a list of [x, y] pairs.");
        var points = Points.Select(p => new Point2(p[0], p[1])).ToList();
        // A box is stored top-left first, whichever corners were sent: every reader of the data may rely on it.
        if (kind == GeometryKind.Box && points.Count == 2 && points.All(p => p.IsFinite))
        {
            var b = Box.FromCorners(points[0], points[1]);
            points = [new Point2(b.X, b.Y), new Point2(b.Right, b.Bottom)];
        }
        var provenance = existing?.Provenance ?? Provenance.Labeler(userId);
        // Whatever the client sends, its edit settles a pending suggestion: it has been looked at.
        return (new RegionData(Id, kind, ClassId, points, Transcription ?? "", provenance, Pending: false), null);
    }
}
