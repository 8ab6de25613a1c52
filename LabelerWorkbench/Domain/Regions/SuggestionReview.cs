
namespace LabelerWorkbench.Domain.Regions;

public enum SuggestionVerdict { Kept, Edited, Deleted }

public sealed record SuggestionDecision(Guid SuggestionId, SuggestionVerdict Verdict, bool GeometryChanged, bool LabelChanged, bool TextChanged);

/// <summary>
/// What the labeler did with each model suggestion, read off the submitted regions: a suggestion whose
/// region is gone was deleted; one whose geometry, class or text differs was edited; otherwise it was kept
/// unchanged. This is the evidence for "accepted a bad suggestion" and for model acceptance rates.
/// </summary>
public static class SuggestionReview
{
    /// <summary>Coordinates closer than this are the same (JSON round trips and client rounding).</summary>
    const double Tolerance = 0.01;

    /// <param name="suggestions">The suggestions as the models made them.</param>
    public static IReadOnlyList<SuggestionDecision> Classify(IEnumerable<RegionData> suggestions, IEnumerable<RegionData> submitted)
    {
        var byId = submitted.ToDictionary(r => r.Id);
        return suggestions.Select(s =>
        {
            if (!byId.TryGetValue(s.Id, out var r)) return new SuggestionDecision(s.Id, SuggestionVerdict.Deleted, false, false, false);
            var geometry = r.Kind != s.Kind || r.Points.Count != s.Points.Count ||
                           r.Points.Zip(s.Points).Any(p => Math.Abs(p.First.X - p.Second.X) > Tolerance || Math.Abs(p.First.Y - p.Second.Y) > Tolerance);
            var label = r.ClassId != s.ClassId;
            var text = r.Transcription != s.Transcription;
            var verdict = geometry || label || text ? SuggestionVerdict.Edited : SuggestionVerdict.Kept;
            return new SuggestionDecision(s.Id, verdict, geometry, label, text);
        }).ToList();
    }
}
