using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data;

/// <summary>
/// How regions and point lists are written to the database and read back: the one place that knows their JSON. Entities
/// hold the domain shapes (<see cref="RegionData"/> lists, <see cref="Point2"/> lists); the columns are JSON text by
/// these converters, so the model stays provider-neutral.
/// </summary>
public static class RegionJson
{
    /// <summary>Stores a region list as JSON text.</summary>
    public static PropertyBuilder<IReadOnlyList<RegionData>> HasRegionsJson(this PropertyBuilder<IReadOnlyList<RegionData>> property) =>
        property.HasConversion(v => WriteRegions(v), v => ReadRegions(v),
            new ValueComparer<IReadOnlyList<RegionData>>((a, b) => WriteRegions(a!) == WriteRegions(b!), v => WriteRegions(v).GetHashCode(), v => v.ToList()));

    /// <summary>Stores a point list as JSON text (<c>[[x, y], …]</c>).</summary>
    public static PropertyBuilder<IReadOnlyList<Point2>> HasPointsJson(this PropertyBuilder<IReadOnlyList<Point2>> property) =>
        property.HasConversion(v => WritePoints(v), v => ReadPoints(v),
            new ValueComparer<IReadOnlyList<Point2>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p)), v => v.ToList()));

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string WritePoints(IReadOnlyList<Point2> points) =>
        JsonSerializer.Serialize(points.Select(p => new[] { p.X, p.Y }));

    public static IReadOnlyList<Point2> ReadPoints(string json) =>
        (JsonSerializer.Deserialize<double[][]>(json) ?? []).Select(p => new Point2(p[0], p[1])).ToList();

    public static string WriteRegions(IEnumerable<RegionData> regions) =>
        JsonSerializer.Serialize(regions.Select(Snapshot.From), Options);

    public static IReadOnlyList<RegionData> ReadRegions(string json) =>
        (JsonSerializer.Deserialize<List<Snapshot>>(json, Options) ?? []).Select(s => s.ToRegion()).ToList();

    public static DraftRegion ToRow(RegionData r, int taskId, int order, DateTime now) => new()
    {
        Id = r.Id, TaskId = taskId, Order = order, Kind = r.Kind, ClassId = r.ClassId,
        Points = r.Points, PointCount = r.Points.Count, Transcription = r.Transcription,
        Source = r.Provenance.Source, CreatedBy = r.Provenance.CreatedBy,
        ModelName = r.Provenance.ModelName, ModelVersion = r.Provenance.ModelVersion,
        Confidence = r.Provenance.Confidence, DerivedFrom = r.Provenance.DerivedFrom, Pending = r.Pending, UpdatedAt = now,
    };

    public static RegionData FromRow(DraftRegion row) => new(
        row.Id, row.Kind, row.ClassId, row.Points, row.Transcription,
        new Provenance(row.Source, row.CreatedBy, row.ModelName, row.ModelVersion, row.Confidence, row.DerivedFrom),
        row.Pending);

    sealed record Snapshot(
        Guid Id, GeometryKind Kind, int? ClassId, double[][] Points, string Transcription,
        RegionSource Source, string? CreatedBy, string? ModelName, string? ModelVersion, double? Confidence, Guid? DerivedFrom)
    {
        public static Snapshot From(RegionData r) => new(
            r.Id, r.Kind, r.ClassId, r.Points.Select(p => new[] { p.X, p.Y }).ToArray(), r.Transcription,
            r.Provenance.Source, r.Provenance.CreatedBy, r.Provenance.ModelName, r.Provenance.ModelVersion,
            r.Provenance.Confidence, r.Provenance.DerivedFrom);

        public RegionData ToRegion() => new(
            Id, Kind, ClassId, Points.Select(p => new Point2(p[0], p[1])).ToList(), Transcription,
            new Provenance(Source, CreatedBy, ModelName, ModelVersion, Confidence, DerivedFrom));
    }
}
