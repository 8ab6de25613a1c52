namespace LabelerWorkbench.Features.DataManager;

public enum RegionChangeKind { Added, Removed, Changed }

/// <summary>One region that differs between two revisions; <see cref="What"/> names the parts that changed.</summary>
public sealed record RegionChange(RegionChangeKind Kind, RegionData Region, RegionData? Before, IReadOnlyList<string> What);

/// <summary>
/// Which regions one revision added, removed or changed against another. Regions keep their id across revisions
/// (a reviewer's correction of a labeler's region keeps its id), so the comparison is by id. Plain C#, no EF or UI.
/// </summary>
public static class RevisionDiff
{
    public static IReadOnlyList<RegionChange> Compare(IReadOnlyList<RegionData> from, IReadOnlyList<RegionData> to)
    {
        var before = from.ToDictionary(r => r.Id);
        var after = to.ToDictionary(r => r.Id);
        var changes = new List<RegionChange>();
        foreach (var r in to)
        {
            if (!before.TryGetValue(r.Id, out var old)) changes.Add(new(RegionChangeKind.Added, r, null, []));
            else if (Parts(old, r) is { Count: > 0 } parts) changes.Add(new(RegionChangeKind.Changed, r, old, parts));
        }
        changes.AddRange(from.Where(r => !after.ContainsKey(r.Id)).Select(r => new RegionChange(RegionChangeKind.Removed, r, null, [])));
        return changes;
    }

    static List<string> Parts(RegionData a, RegionData b)
    {
        var parts = new List<string>();
        if (a.Kind != b.Kind || !a.Points.SequenceEqual(b.Points)) parts.Add("geometry");
        if (a.ClassId != b.ClassId) parts.Add("class");
        if (a.Transcription != b.Transcription) parts.Add("text");
        return parts;
    }
}
