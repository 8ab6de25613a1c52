using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Consensus;

public sealed record ReplicaLabeler(string Name, double Agreement);

public sealed record DroppedRegionView(RegionData Region, IReadOnlyList<string> DrawnBy);

/// <summary>What a reviewer of a merged task sees of the merge: who labeled it, and where they disagreed.</summary>
/// <param name="Names">Display names of the labelers by id.</param>
public sealed record ConsensusReview(int Replicas, double Agreement, IReadOnlyList<ReplicaLabeler> Labelers,
    IReadOnlyDictionary<Guid, MergedRegionSummary> Regions, IReadOnlyList<DroppedRegionView> Dropped, IReadOnlyDictionary<string, string> Names)
{
    public string NameOf(string labelerId) => Names.GetValueOrDefault(labelerId, labelerId);

    public static async Task<ConsensusReview?> ForAsync(WorkbenchDb db, int taskId, CancellationToken ct)
    {
        var result = await db.ConsensusResults.AsNoTracking().FirstOrDefaultAsync(r => r.TaskId == taskId, ct);
        if (result is null) return null;
        var details = ConsensusDetails.FromJson(result.Details);
        var ids = details.Replicas.Select(r => r.LabelerId).Concat(details.Dropped.SelectMany(d => d.DrawnBy)).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        string Name(string id) => names.GetValueOrDefault(id, id);
        return new(result.Replicas, result.Agreement,
            details.Replicas.Select(r => new ReplicaLabeler(Name(r.LabelerId), r.Agreement)).ToList(),
            details.Regions.ToDictionary(r => r.RegionId),
            details.Dropped.Select(d => new DroppedRegionView(d.Region, d.DrawnBy.Select(Name).ToList())).ToList(),
            ids.ToDictionary(id => id, Name));
    }
}
