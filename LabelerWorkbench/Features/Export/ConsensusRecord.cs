using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Consensus;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export;

/// <summary>
/// How a merged task came about, as it leaves the tool: in the JSONL export with every replica's regions, in the
/// <c>task.completed</c> webhook and the API result without them. Absent (null) for a task one labeler labeled.
/// </summary>
public sealed record ConsensusRecord(int Replicas, double Agreement, bool Disputed, IReadOnlyList<ReplicaRecord> Labelers, IReadOnlyList<RegionAgreementRecord> Regions)
{
    public static ConsensusRecord From(ConsensusResult result, IReadOnlyDictionary<int, IReadOnlyList<RegionRecord>>? replicaRegions = null)
    {
        var details = ConsensusDetails.FromJson(result.Details);
        return new(result.Replicas, Math.Round(result.Agreement, 4), result.Disputed,
            details.Replicas.Select(r => new ReplicaRecord(r.LabelerId, r.TaskId, r.Revision, Math.Round(r.Agreement, 4),
                replicaRegions?.GetValueOrDefault(r.TaskId))).ToList(),
            details.Regions.Select(r => new RegionAgreementRecord(r.RegionId, r.Support, Math.Round(r.ClassAgreement, 4),
                r.Words.Select(w => new WordRecord(w.Word, Math.Round(w.Agreement, 4))).ToList())).ToList());
    }

    /// <summary>The merge records of these tasks; with <paramref name="withReplicas"/>, each replica's submitted regions too.</summary>
    public static async Task<Dictionary<int, ConsensusRecord>> ForTasksAsync(WorkbenchDb db, IReadOnlyCollection<int> taskIds, LabelSchema schema, bool withReplicas, CancellationToken ct)
    {
        var results = await db.ConsensusResults.AsNoTracking().Where(c => taskIds.Contains(c.TaskId)).ToListAsync(ct);
        if (results.Count == 0) return [];
        Dictionary<int, IReadOnlyList<RegionRecord>>? regions = null;
        if (withReplicas)
        {
            var wanted = results.SelectMany(r => ConsensusDetails.FromJson(r.Details).Replicas).Select(r => (r.TaskId, r.Revision)).ToList();
            var replicaIds = wanted.Select(w => w.TaskId).ToList();
            var revisions = await db.Revisions.AsNoTracking().Where(r => replicaIds.Contains(r.TaskId)).ToListAsync(ct);
            regions = revisions.Where(r => wanted.Contains((r.TaskId, r.Number)))
                .ToDictionary(r => r.TaskId, r => RegionRecord.From(r.Regions, schema));
        }
        return results.ToDictionary(r => r.TaskId, r => From(r, regions));
    }
}

/// <param name="Regions">The replica's submitted regions (JSONL export only).</param>
public sealed record ReplicaRecord(string Labeler, int TaskId, int Revision, double Agreement, IReadOnlyList<RegionRecord>? Regions);

/// <summary>A merged region: how many replicas drew it, how far they agreed on its class, and on each word.</summary>
public sealed record RegionAgreementRecord(Guid Id, int Support, double ClassAgreement, IReadOnlyList<WordRecord> Words);

public sealed record WordRecord(string Word, double Agreement);
