using System.Text.Json;

namespace LabelerWorkbench.Features.Consensus;

/// <summary>One labeler's replica of a merged task, and how far they agree with the merge.</summary>
public sealed record ReplicaSummary(string LabelerId, int TaskId, int Revision, double ClassWeight, double TextWeight, double Agreement);

/// <summary>A merged region: how many replicas drew it, how far they agree on its class and on each of its words.</summary>
/// <summary>What one labeler's replica had for a merged region.</summary>
public sealed record MemberVote(string LabelerId, int? ClassId, string Text);

/// <param name="Members">Each replica that drew it: who, the class they gave it, what they typed.</param>
public sealed record MergedRegionSummary(Guid RegionId, int Support, double ClassAgreement, IReadOnlyList<WordAgreement> Words, IReadOnlyList<MemberVote> Members)
{
    public double WordAgreement => Words.Count == 0 ? 1 : Words.Min(w => w.Agreement);

    /// <summary>Not every replica drew it, or they gave it different classes or words.</summary>
    public bool Disputed(int replicas) => Support < replicas || ClassAgreement < 1 || WordAgreement < 1;
}

/// <summary>A region too few replicas drew: not in the result, shown to the reviewer with who drew it.</summary>
public sealed record DroppedRegion(RegionData Region, IReadOnlyList<string> DrawnBy);

/// <summary>What the merge saw, stored with the result (<see cref="Data.ConsensusResult.Details"/>) for the reviewer, exports and webhooks.</summary>
public sealed record ConsensusDetails(IReadOnlyList<ReplicaSummary> Replicas, IReadOnlyList<MergedRegionSummary> Regions, IReadOnlyList<DroppedRegion> Dropped)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static ConsensusDetails FromJson(string json) => JsonSerializer.Deserialize<ConsensusDetails>(json, Json) ?? new([], [], []);

    public static ConsensusDetails From(RegionMergeResult merge, IReadOnlyList<Replica> replicas, IReadOnlyList<(int TaskId, int Revision)> sources) => new(
        replicas.Select((r, i) => new ReplicaSummary(r.LabelerId, sources[i].TaskId, sources[i].Revision, r.Weight, r.WordWeight, merge.AgreementOf(i))).ToList(),
        merge.Kept.Select(m => new MergedRegionSummary(m.Region.Id, m.Members.Count, m.ClassAgreement, m.Text?.Words ?? [],
            m.Members.Select(x => new MemberVote(replicas[x.Replica].LabelerId, x.Region.ClassId, x.Region.Transcription)).ToList())).ToList(),
        merge.Dropped.Select(m => new DroppedRegion(m.Region, m.Members.Select(x => replicas[x.Replica].LabelerId).ToList())).ToList());
}
