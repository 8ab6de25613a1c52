using LabelerWorkbench.Features.Editor.Document;

namespace LabelerWorkbench.Features.Editor.Canvas;

/// <summary>
/// Every region of a task for the canvas's first draw, column by column: field names once, not once per region,
/// and each polygon's points as one flat list, so the first payload is much smaller than per-region objects'
/// JSON. Unpacked by <c>wwwroot/editor/wire.js</c>; later edits still travel as <see cref="RegionDto"/>.
/// </summary>
/// <param name="Kinds">One character per region: <c>b</c> box, <c>p</c> polygon.</param>
/// <param name="Points">Per region, x and y of each point in turn.</param>
/// <param name="SourceNames">The source names used, lower case; <paramref name="Sources"/> indexes into it.</param>
/// <param name="Confidences">Model confidence per region, null when none.</param>
/// <param name="Pending">Indexes of the pending model suggestions (usually none or a few).</param>
public sealed record PackedRegions(
    Guid[] Ids,
    string Kinds,
    int?[] ClassIds,
    double[][] Points,
    string[] Texts,
    string[] SourceNames,
    int[] Sources,
    double?[] Confidences,
    int[] Pending)
{
    public static PackedRegions From(IReadOnlyList<RegionData> regions)
    {
        var n = regions.Count;
        var kinds = new char[n];
        var (ids, classIds, points, texts, sources, confidences) =
            (new Guid[n], new int?[n], new double[n][], new string[n], new int[n], new double?[n]);
        var sourceNames = new List<string>();
        var pending = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var r = regions[i];
            ids[i] = r.Id;
            kinds[i] = r.Kind == GeometryKind.Box ? 'b' : 'p';
            classIds[i] = r.ClassId;
            var flat = points[i] = new double[r.Points.Count * 2];
            for (var p = 0; p < r.Points.Count; p++) (flat[2 * p], flat[2 * p + 1]) = (r.Points[p].X, r.Points[p].Y);
            texts[i] = r.Transcription;
            var source = r.Provenance.Source.ToString().ToLowerInvariant();
            var at = sourceNames.IndexOf(source);
            if (at < 0) { at = sourceNames.Count; sourceNames.Add(source); }
            sources[i] = at;
            confidences[i] = r.Provenance.Confidence;
            if (r.Pending) pending.Add(i);
        }
        return new(ids, new string(kinds), classIds, points, texts, [.. sourceNames], sources, confidences, [.. pending]);
    }
}
