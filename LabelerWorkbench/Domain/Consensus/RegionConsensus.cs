using LabelerWorkbench.Domain.Quality.Scoring;

namespace LabelerWorkbench.Domain.Consensus;

/// <summary>
/// One labeler's regions for a task, and how much their vote weighs: <paramref name="Weight"/> on classes, and
/// <paramref name="TextWeight"/> (else <paramref name="Weight"/>) on words, each their measured accuracy for that kind of error.
/// </summary>
public sealed record Replica(string LabelerId, double Weight, IReadOnlyList<RegionData> Regions, double? TextWeight = null)
{
    public double WordWeight => TextWeight ?? Weight;
}

/// <param name="Region">The merged region (geometry, class and text decided by the replicas).</param>
/// <param name="Members">The replicas' regions that were matched into it, by replica index.</param>
/// <param name="ClassAgreement">The share of the members' weight that chose the winning class.</param>
/// <param name="Text">The word-aligned text consensus with its per-word agreement (null when no member has text).</param>
public sealed record MergedRegion(RegionData Region, IReadOnlyList<(int Replica, RegionData Region)> Members, double ClassAgreement, MergedText? Text)
{
    /// <summary>Not everyone drew it, or they disagree on its class or its words.</summary>
    public bool Disputed(int replicas) => Members.Count < replicas || ClassAgreement < 1 || (Text is { } t && t.Agreement < 1);
}

/// <param name="Kept">Regions a quorum of replicas drew.</param>
/// <param name="Dropped">Regions too few replicas drew (shown to a reviewer as disagreements, never exported).</param>
public sealed record RegionMergeResult(IReadOnlyList<MergedRegion> Kept, IReadOnlyList<MergedRegion> Dropped, int Replicas)
{
    /// <summary>How much the replicas agree, 0–1: the mean over kept and dropped regions of support × class × word agreement.</summary>
    public double Agreement
    {
        get
        {
            var all = Kept.Concat(Dropped).ToList();
            if (all.Count == 0) return 1;
            return all.Average(m => (double)m.Members.Count / Replicas * m.ClassAgreement * (m.Text?.Agreement ?? 1));
        }
    }

    /// <summary>
    /// How far one replica agrees with the merge, 0–1: the share of the kept regions it drew with the winning class and
    /// the merged words, where each region it drew that the quorum did not keep counts as one more disagreement.
    /// </summary>
    public double AgreementOf(int replica)
    {
        var same = Kept.Count(m => m.Members.Any(x => x.Replica == replica && x.Region.ClassId == m.Region.ClassId &&
                                                      (m.Text is null || x.Region.Transcription == m.Region.Transcription)));
        var extra = Dropped.Count(m => m.Members.Any(x => x.Replica == replica));
        var total = Kept.Count + extra;
        return total == 0 ? 1 : (double)same / total;
    }

    /// <summary>A region not every replica drew, or drew with another class: a reviewer should look (whatever the agreement).</summary>
    public bool DisagreesOnExistenceOrClass =>
        Dropped.Count > 0 || Kept.Any(m => m.Members.Count < Replicas || m.ClassAgreement < 1);
}

/// <summary>
/// Merges k labelers' regions for one task, the way a quorum would: regions are matched across replicas by IoU with the
/// scorer's optimal matching, a region is kept when a quorum of replicas has it, a box takes the median of each
/// coordinate, a polygon the member that overlaps the others most, the class a weighted vote, and the text the
/// word-aligned consensus (<see cref="TextConsensus"/>), with the model's suggestion as a low-weight voter.
/// </summary>
public static class RegionConsensus
{
    public static RegionMergeResult Merge(IReadOnlyList<Replica> replicas, int quorum, double minIoU = 0.5,
        IReadOnlyList<RegionData>? suggestions = null, double suggestionWeight = 0.3)
    {
        if (quorum < 1 || quorum > Math.Max(1, replicas.Count)) throw new ArgumentOutOfRangeException(nameof(quorum), "The quorum is between 1 and the number of replicas.");
        var clusters = new List<List<(int Replica, RegionData Region)>>();
        for (var r = 0; r < replicas.Count; r++)
        {
            var regions = replicas[r].Regions;
            var representatives = clusters.Select(c => c[0].Region).ToList();
            var matched = new HashSet<int>();
            foreach (var (s, a, _) in RegionMatcher.Match(regions, representatives, minIoU))
            {
                clusters[a].Add((r, regions[s]));
                matched.Add(s);
            }
            for (var i = 0; i < regions.Count; i++)
                if (!matched.Contains(i)) clusters.Add([(r, regions[i])]);
        }

        var merged = clusters.Select(c => MergeCluster(c, replicas, suggestions ?? [], suggestionWeight, minIoU)).ToList();
        return new(merged.Where(m => m.Members.Count >= quorum).ToList(), merged.Where(m => m.Members.Count < quorum).ToList(), replicas.Count);
    }

    static MergedRegion MergeCluster(List<(int Replica, RegionData Region)> members, IReadOnlyList<Replica> replicas,
        IReadOnlyList<RegionData> suggestions, double suggestionWeight, double minIoU)
    {
        double WeightOf(int replica) => replicas[replica].Weight;
        var regions = members.Select(m => m.Region).ToList();
        var kind = regions.GroupBy(r => r.Kind).OrderByDescending(g => g.Sum(r => 1.0)).First().Key;
        IReadOnlyList<Point2> points = kind == GeometryKind.Box ? MedianBox(regions) : MostOverlapping(regions.Where(r => r.Kind == kind).ToList()).Points;

        var classVotes = members.GroupBy(m => m.Region.ClassId).Select(g => (ClassId: g.Key, Weight: g.Sum(m => WeightOf(m.Replica))))
            .OrderByDescending(v => v.Weight).ToList();
        var total = classVotes.Sum(v => v.Weight);
        var classAgreement = total <= 0 ? 1 : classVotes[0].Weight / total;

        MergedText? text = null;
        if (regions.Any(r => r.Transcription.Length > 0))
        {
            var votes = members.Select(m => new TextVote(m.Region.Transcription, replicas[m.Replica].WordWeight)).ToList();
            // The model's suggestion for the same place, if any, breaks ties and nothing more.
            var outline = new RegionData(Guid.Empty, kind, null, points, "", new Provenance(RegionSource.Labeler, null));
            var suggestion = RegionMatcher.Match([outline], suggestions, minIoU).Select(m => suggestions[m.Answer]).FirstOrDefault();
            if (suggestion is { Transcription.Length: > 0 }) votes.Add(new(suggestion.Transcription, suggestionWeight * votes.Min(v => v.Weight)));
            text = TextConsensus.Merge(votes);
        }

        var first = regions[0];
        var region = new RegionData(Guid.NewGuid(), kind, classVotes[0].ClassId, points, text?.Text ?? "",
            new Provenance(RegionSource.Labeler, "consensus", DerivedFrom: first.Id));
        return new(region, members, classAgreement, text);
    }

    /// <summary>A box whose every edge is the median of the members' edges: one careless box cannot drag it.</summary>
    static IReadOnlyList<Point2> MedianBox(IReadOnlyList<RegionData> regions)
    {
        var boxes = regions.Select(r => r.Bounds).ToList();
        return [new(Median(boxes.Select(b => b.X)), Median(boxes.Select(b => b.Y))), new(Median(boxes.Select(b => b.Right)), Median(boxes.Select(b => b.Bottom)))];
    }

    /// <summary>The member with the highest total IoU with the others (polygon vertices cannot be averaged one to one).</summary>
    static RegionData MostOverlapping(IReadOnlyList<RegionData> regions) =>
        regions.Count <= 2 ? regions[0]
        : regions.OrderByDescending(r => regions.Where(o => !ReferenceEquals(o, r)).Sum(o => PolygonMath.IoU(r.Outline, o.Outline))).First();

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
