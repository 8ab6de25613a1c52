
namespace LabelerWorkbench.Domain.Quality.Simulation;

/// <summary>
/// A labeler with a chance per opportunity of making each error type. Starting from the suggestions, they fix
/// the wrong ones (unless they accept a bad suggestion), draw what the model missed, and make their own errors.
/// </summary>
public sealed record SimulatedLabeler(string Id, IReadOnlyDictionary<ErrorCode, double> Rates, ErrorCode? Injected)
{
    public static SimulatedLabeler Clean(string id, double baseline) =>
        new(id, ErrorCodes.All.ToDictionary(c => c, _ => baseline), null);

    public static SimulatedLabeler WithInjected(string id, double baseline, ErrorCode code, double rate) =>
        new(id, ErrorCodes.All.ToDictionary(c => c, c => c == code ? rate : baseline), code);

    /// <summary>The same labeler with another rate for one error type.</summary>
    public SimulatedLabeler WithRate(ErrorCode code, double rate) =>
        Rates[code] == rate ? this : this with { Rates = ErrorCodes.All.ToDictionary(c => c, c => c == code ? rate : Rates[c]) };

    bool Makes(ErrorCode code, Random rng) => rng.NextDouble() < Rates[code];

    /// <summary>The submitted regions and the ids of suggestions submitted unchanged.</summary>
    public (IReadOnlyList<RegionData> Submitted, IReadOnlySet<Guid> Kept) Label(SimulatedGoldTask task, Random rng)
    {
        var submitted = new List<RegionData>();
        var kept = new HashSet<Guid>();
        var suggestionFor = MatchSuggestions(task);
        foreach (var answer in task.Answer)
        {
            if (Makes(ErrorCode.MissedRegion, rng)) continue;
            RegionData region;
            if (suggestionFor.TryGetValue(answer.Id, out var s))
            {
                var wrong = !s.Points.SequenceEqual(answer.Points) || s.Transcription != answer.Transcription;
                // A right suggestion is kept; a wrong one is corrected unless the labeler waves it through.
                region = wrong && !Makes(ErrorCode.AcceptedBadSuggestion, rng)
                    ? answer with { Id = s.Id, Provenance = s.Provenance, Pending = false }
                    : s with { Pending = false };
            }
            else region = answer with { Id = Guid.NewGuid() };

            var edited = region;
            if (Makes(ErrorCode.WrongLabel, rng)) edited = edited with { ClassId = edited.ClassId == 1 ? 2 : 1 };
            if (Makes(ErrorCode.LooseGeometry, rng)) edited = edited with { Points = SimulatedGoldTask.Corners(SimulatedGoldTask.Scale(edited.Bounds, 1.6)) };
            else if (Makes(ErrorCode.TightGeometry, rng)) edited = edited with { Points = SimulatedGoldTask.Corners(SimulatedGoldTask.Scale(edited.Bounds, 0.6)) };
            if (Makes(ErrorCode.TranscriptionError, rng)) edited = edited with { Transcription = SimulatedGoldTask.Typo(edited.Transcription, rng) };
            if (ReferenceEquals(edited, region) && region.Provenance.Source == RegionSource.Model && IsSuggestion(task, region))
                kept.Add(region.Id);
            submitted.Add(edited);

            if (Makes(ErrorCode.ExtraRegion, rng))
            {
                var b = answer.Bounds;
                submitted.Add(answer with { Id = Guid.NewGuid(), Points = [new Point2(b.Right + 300, b.Y), new Point2(b.Right + 420, b.Bottom)] });
            }
        }
        return (submitted, kept);
    }

    static bool IsSuggestion(SimulatedGoldTask task, RegionData region) =>
        task.Suggestions.Any(s => s.Id == region.Id && s.Points.SequenceEqual(region.Points) &&
                                  s.Transcription == region.Transcription && s.ClassId == region.ClassId);

    /// <summary>Which suggestion stands for which answer region (the simulation made them in order, so by position).</summary>
    static Dictionary<Guid, RegionData> MatchSuggestions(SimulatedGoldTask task)
    {
        var result = new Dictionary<Guid, RegionData>();
        foreach (var s in task.Suggestions)
        {
            var nearest = task.Answer.OrderBy(a => Math.Abs(a.Bounds.Y + a.Bounds.Height / 2 - (s.Bounds.Y + s.Bounds.Height / 2))).First();
            result.TryAdd(nearest.Id, s);
        }
        return result;
    }
}
