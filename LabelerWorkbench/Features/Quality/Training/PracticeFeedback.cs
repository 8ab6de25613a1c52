using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Quality.Training;

/// <summary>
/// One mistake in a practice answer, to mark on the image: its number in the legend, the region it is about (the
/// answer's region for a miss, the labeler's otherwise) and what to tell the labeler.
/// </summary>
public sealed record PracticeMark(int Number, ErrorCode Code, Box At, string Text);

/// <summary>
/// Turns the scorer's region checks of a practice task into marks a labeler can act on: which region, what is
/// wrong with it and what the answer says. Regions are numbered as the labeler's region list and the answer show them.
/// </summary>
public static class PracticeFeedback
{
    public static IReadOnlyList<PracticeMark> Explain(ScoreResult score, IReadOnlyList<RegionData> submitted, IReadOnlyList<RegionData> answer, LabelSchema schema)
    {
        var marks = new List<PracticeMark>();
        // Misses first (the answer's order), then the labeler's regions in their order: the legend reads like the list.
        var ordered = score.Regions.Where(c => c.Errors.Count > 0)
            .OrderBy(c => c.SubmittedId is null ? 0 : 1)
            .ThenBy(c => c.SubmittedId is { } s ? IndexOf(submitted, s) : IndexOf(answer, c.AnswerId));
        foreach (var check in ordered)
        {
            var mine = Find(submitted, check.SubmittedId);
            var theirs = Find(answer, check.AnswerId);
            var mineName = mine is null ? "" : $"your region {IndexOf(submitted, mine.Id) + 1}";
            var theirsName = theirs is null ? "" : $"answer region {IndexOf(answer, theirs.Id) + 1}";
            foreach (var code in check.Errors.Order())
            {
                var text = code switch
                {
                    ErrorCode.MissedRegion => $"missed: {theirsName}{Quoted(theirs?.Transcription)}",
                    ErrorCode.ExtraRegion => $"extra: {mineName}{Quoted(mine?.Transcription)} is not in the answer",
                    ErrorCode.WrongLabel => $"wrong class: {mineName} is {ClassName(schema, mine)}, should be {ClassName(schema, theirs)}",
                    ErrorCode.LooseGeometry => $"too loose: {mineName} covers much more than {theirsName}",
                    ErrorCode.TightGeometry => $"too tight: {mineName} crops {theirsName}",
                    ErrorCode.TranscriptionError => $"wrong text: '{mine?.Transcription}' should be '{theirs?.Transcription}' ({mineName})",
                    ErrorCode.AcceptedBadSuggestion => $"wrong suggestion accepted unchanged: {mineName}",
                    _ => code.Title(),
                };
                var at = code == ErrorCode.MissedRegion ? theirs?.Bounds : (mine ?? theirs)?.Bounds;
                if (at is { } box) marks.Add(new PracticeMark(marks.Count + 1, code, box, text));
            }
        }
        return marks;
    }

    /// <summary>A practice run passes when every one of its images reached the pass mark; its score is their average.</summary>
    public static (double Score, bool Passed) Outcome(IReadOnlyList<double> stepShares, double passMark) =>
        stepShares.Count == 0 ? (0, false) : (stepShares.Average(), stepShares.All(s => s >= passMark));

    static RegionData? Find(IReadOnlyList<RegionData> regions, Guid? id) => id is { } i ? regions.FirstOrDefault(r => r.Id == i) : null;

    static int IndexOf(IReadOnlyList<RegionData> regions, Guid? id)
    {
        for (var i = 0; i < regions.Count; i++) if (regions[i].Id == id) return i;
        return -1;
    }

    static string Quoted(string? text) => string.IsNullOrEmpty(text) ? "" : $" '{text}'";

    static string ClassName(LabelSchema schema, RegionData? r) => $"'{schema.Find(r?.ClassId)?.Name ?? "no class"}'";
}
