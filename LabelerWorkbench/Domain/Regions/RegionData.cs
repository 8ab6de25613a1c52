
namespace LabelerWorkbench.Domain.Regions;

public enum RegionSource { Labeler = 0, Model = 1, Reviewer = 2 }

/// <summary>Who or what made a region. Model fields are null for human regions.</summary>
public sealed record Provenance(
    RegionSource Source,
    string? CreatedBy,
    string? ModelName = null,
    string? ModelVersion = null,
    double? Confidence = null,
    Guid? DerivedFrom = null)
{
    public static Provenance Labeler(string userId) => new(RegionSource.Labeler, userId);
}

/// <summary>
/// One annotated region. Boxes hold two points (top-left, bottom-right); polygons hold their vertices.
/// Ids are made by the client so that undo, redo and saving refer to the same region.
/// <see cref="Pending"/> marks a model suggestion that nobody has accepted, edited or deleted yet.
/// </summary>
public sealed record RegionData(
    Guid Id,
    GeometryKind Kind,
    int? ClassId,
    IReadOnlyList<Point2> Points,
    string Transcription,
    Provenance Provenance,
    bool Pending = false)
{
    public Box Bounds => PolygonMath.BoundingBox(Points);

    /// <summary>The outline as a polygon (a box becomes its four corners).</summary>
    public IReadOnlyList<Point2> Outline => Kind == GeometryKind.Box ? Bounds.Corners() : Points;

    public double Area => Kind == GeometryKind.Box ? Bounds.Area : PolygonMath.Area(Points);

    /// <summary>Value equality on the geometry too (records compare lists by reference).</summary>
    public bool SameContentAs(RegionData other) =>
        Id == other.Id && Kind == other.Kind && ClassId == other.ClassId &&
        Transcription == other.Transcription && Provenance == other.Provenance &&
        Pending == other.Pending && Points.SequenceEqual(other.Points);
}

/// <summary>The text a model proposed for a region, with each character's confidence (to flag doubtful ones).</summary>
public sealed record SuggestedText(string Text, IReadOnlyList<double> CharConfidences);
