
namespace LabelerWorkbench.Domain.Quality.Scoring;

/// <summary>When two regions are the same object and when a matched one fits. Project settings; see the README.</summary>
public sealed record ScoringThresholds(double MatchIoU = 0.5, double FitIoU = 0.75)
{
    public static ScoringThresholds Default { get; } = new();
}

/// <summary>
/// One checked region: the submitted region and the answer region it was matched to (either may be missing),
/// which error types occurred, and which could have occurred (the opportunities, a superset of the errors).
/// A wrong model suggestion the labeler removed or corrected is a check of its own (<paramref name="SuggestionId"/>):
/// it was a chance to accept a bad suggestion that was not taken.
/// </summary>
public sealed record RegionCheck(
    Guid? SubmittedId, Guid? AnswerId, double IoU,
    IReadOnlySet<ErrorCode> Errors, IReadOnlySet<ErrorCode> Opportunities, Guid? SuggestionId = null);

public sealed record ScoreResult(IReadOnlyList<RegionCheck> Regions)
{
    /// <summary>Errors and opportunities per error type, every type present (zero when it had no chance).</summary>
    public IReadOnlyList<ErrorTally> Tallies() => ErrorCodes.All
        .Select(c => new ErrorTally(c, Regions.Count(r => r.Errors.Contains(c)), Regions.Count(r => r.Opportunities.Contains(c))))
        .ToList();

    public int ErrorCount => Regions.Sum(r => r.Errors.Count);
    public bool IsClean => ErrorCount == 0;
}

/// <summary>
/// Scores a submission against an answer (a gold answer or a reviewer's corrected version): regions are matched
/// one-to-one by IoU with an optimal assignment, then each match and each leftover is classified.
/// </summary>
/// <remarks>
/// accepted_bad_suggestion has the model's wrong suggestions as its opportunities (a suggestion is wrong when
/// scoring it against the answer finds an error), and occurs when one of them was submitted unchanged. Counting
/// it over all kept suggestions instead would make the rate mostly a measure of the model.
/// </remarks>
public static class SubmissionScorer
{
    public static ScoreResult Score(IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> answer, ScoringThresholds thresholds) =>
        Score(submitted, answer, [], new HashSet<Guid>(), thresholds);

    /// <param name="suggestions">The model's regions as it proposed them (ids shared with the submitted regions).</param>
    /// <param name="keptSuggestions">Ids of suggestions submitted unchanged.</param>
    public static ScoreResult Score(
        IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> answer,
        IReadOnlyList<RegionData> suggestions, IReadOnlySet<Guid> keptSuggestions, ScoringThresholds thresholds)
    {
        var wrongSuggestions = suggestions.Count == 0
            ? new HashSet<Guid>()
            : Compare(suggestions, answer, thresholds).Where(c => c.Errors.Count > 0 && c.SubmittedId is not null)
                .Select(c => c.SubmittedId!.Value).ToHashSet();
        var checks = Compare(submitted, answer, thresholds).Select(c =>
        {
            if (c.SubmittedId is not { } id || !wrongSuggestions.Remove(id)) return c;
            // The submitted region is a wrong suggestion: a chance to accept it, taken if it is unchanged.
            var kept = keptSuggestions.Contains(id);
            return c with
            {
                Opportunities = new HashSet<ErrorCode>(c.Opportunities) { ErrorCode.AcceptedBadSuggestion },
                Errors = kept ? new HashSet<ErrorCode>(c.Errors) { ErrorCode.AcceptedBadSuggestion } : c.Errors,
                SuggestionId = id,
            };
        }).ToList();
        // Wrong suggestions that the labeler deleted: chances not taken.
        checks.AddRange(wrongSuggestions.Select(id =>
            new RegionCheck(null, null, 0, new HashSet<ErrorCode>(), Set(ErrorCode.AcceptedBadSuggestion), id)));
        return new ScoreResult(checks);
    }

    static List<RegionCheck> Compare(IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> answer, ScoringThresholds thresholds)
    {
        var pairs = RegionMatcher.Match(submitted, answer, thresholds.MatchIoU);
        var checks = new List<RegionCheck>();
        var matchedSubmitted = new HashSet<int>();
        var matchedAnswer = new HashSet<int>();
        foreach (var (s, a, iou) in pairs)
        {
            matchedSubmitted.Add(s);
            matchedAnswer.Add(a);
            checks.Add(CheckMatch(submitted[s], answer[a], iou, thresholds));
        }
        for (var a = 0; a < answer.Count; a++)
        {
            if (!matchedAnswer.Contains(a))
                checks.Add(new RegionCheck(null, answer[a].Id, 0, Set(ErrorCode.MissedRegion), Set(ErrorCode.MissedRegion)));
        }
        for (var s = 0; s < submitted.Count; s++)
        {
            if (!matchedSubmitted.Contains(s))
                checks.Add(new RegionCheck(submitted[s].Id, null, 0, Set(ErrorCode.ExtraRegion), Set(ErrorCode.ExtraRegion)));
        }
        return checks;
    }

    static RegionCheck CheckMatch(RegionData s, RegionData a, double iou, ScoringThresholds t)
    {
        // A matched pair had the chance to be a miss (on the answer side) and an extra (on the submitted side).
        var opportunities = new HashSet<ErrorCode>
        {
            ErrorCode.MissedRegion, ErrorCode.ExtraRegion, ErrorCode.WrongLabel,
            ErrorCode.LooseGeometry, ErrorCode.TightGeometry,
        };
        var errors = new HashSet<ErrorCode>();
        if (s.ClassId != a.ClassId) errors.Add(ErrorCode.WrongLabel);
        if (iou < t.FitIoU)
            errors.Add(s.Area >= a.Area ? ErrorCode.LooseGeometry : ErrorCode.TightGeometry);
        if (a.Transcription.Length > 0 || s.Transcription.Length > 0)
        {
            opportunities.Add(ErrorCode.TranscriptionError);
            if (TextDistance.Levenshtein(Normalise(a.Transcription), Normalise(s.Transcription)) > 0)
                errors.Add(ErrorCode.TranscriptionError);
        }
        return new RegionCheck(s.Id, a.Id, iou, errors, opportunities);
    }

    /// <summary>Only Unicode normalisation: a different character is an error, a differently encoded one is not.</summary>
    static string Normalise(string text) => text.Normalize(System.Text.NormalizationForm.FormC).Trim();

    static HashSet<ErrorCode> Set(params ErrorCode[] codes) => [.. codes];
}

/// <summary>Optimal one-to-one matching of two region lists by IoU, fast on pages with thousands of regions.</summary>
public static class RegionMatcher
{
    public static IReadOnlyList<(int Submitted, int Answer, double IoU)> Match(
        IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> answer, double minIoU)
    {
        // Only pairs whose boxes overlap can reach the IoU floor; they fall into small independent clusters
        // (lines on a page rarely overlap), and each cluster is solved exactly on its own.
        var outlines = (S: submitted.Select(r => r.Outline).ToArray(), A: answer.Select(r => r.Outline).ToArray());
        var bounds = (S: submitted.Select(r => r.Bounds).ToArray(), A: answer.Select(r => r.Bounds).ToArray());
        var candidates = new List<(int S, int A, double IoU)>();
        var order = Enumerable.Range(0, answer.Count).OrderBy(a => bounds.A[a].X).ToArray();
        var xs = order.Select(a => bounds.A[a].X).ToArray();
        var widest = answer.Count == 0 ? 0 : bounds.A.Max(b => b.Width);
        for (var s = 0; s < submitted.Count; s++)
        {
            var b = bounds.S[s];
            // Answers starting left of b.X - widest cannot reach b.
            var start = LowerBound(xs, b.X - widest);
            for (var k = start; k < order.Length && xs[k] <= b.Right; k++)
            {
                var a = order[k];
                if (b.Intersect(bounds.A[a]).Area <= 0) continue;
                var iou = PolygonMath.IoU(outlines.S[s], outlines.A[a]);
                if (iou >= minIoU) candidates.Add((s, a, iou));
            }
        }

        var result = new List<(int, int, double)>();
        foreach (var cluster in Clusters(candidates, submitted.Count))
        {
            var sIndex = cluster.Select(c => c.S).Distinct().ToArray();
            var aIndex = cluster.Select(c => c.A).Distinct().ToArray();
            if (sIndex.Length == 1 && aIndex.Length == 1)
            {
                result.Add(cluster[0]);
                continue;
            }
            // Cost 1 - IoU for a candidate, and a cost above any match for "not a pair".
            var cost = new double[sIndex.Length, aIndex.Length];
            for (var i = 0; i < sIndex.Length; i++)
                for (var j = 0; j < aIndex.Length; j++) cost[i, j] = 2;
            var iouOf = new Dictionary<(int, int), double>();
            foreach (var c in cluster)
            {
                var (i, j) = (Array.IndexOf(sIndex, c.S), Array.IndexOf(aIndex, c.A));
                cost[i, j] = 1 - c.IoU;
                iouOf[(i, j)] = c.IoU;
            }
            var assignment = HungarianAssignment.Solve(cost);
            for (var i = 0; i < assignment.Length; i++)
            {
                if (assignment[i] >= 0 && iouOf.TryGetValue((i, assignment[i]), out var iou))
                    result.Add((sIndex[i], aIndex[assignment[i]], iou));
            }
        }
        return result;
    }

    static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Connected components of the candidate graph (submitted and answer regions as nodes).</summary>
    static IEnumerable<List<(int S, int A, double IoU)>> Clusters(List<(int S, int A, double IoU)> candidates, int submittedCount)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent.TryGetValue(x, out var p) && p != x) { parent[x] = parent.GetValueOrDefault(p, p); x = p; }
            return x;
        }
        // Answer nodes are numbered after the submitted ones.
        foreach (var (s, a, _) in candidates)
        {
            int rs = Find(s), ra = Find(submittedCount + a);
            if (rs != ra) parent[rs] = ra;
        }
        return candidates.GroupBy(c => Find(c.S)).Select(g => g.ToList());
    }
}
