using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Tests.Features.Quality;

public class SubmissionScorerTests
{
    static readonly ScoringThresholds T = ScoringThresholds.Default;

    static RegionData Box(double x, double y, double w, double h, int cls = 1, string text = "", Guid? id = null, RegionSource source = RegionSource.Labeler) =>
        new(id ?? Guid.NewGuid(), GeometryKind.Box, cls, [new Point2(x, y), new Point2(x + w, y + h)], text, new Provenance(source, "u"));

    static ErrorTally Tally(ScoreResult r, ErrorCode c) => r.Tallies().Single(t => t.Code == c);

    [Fact]
    public void PerfectSubmission_HasNoErrors_ButCountsEveryOpportunity()
    {
        var answer = new[] { Box(0, 0, 100, 20, text: "Hello"), Box(0, 50, 100, 20, cls: 2) };
        var submitted = answer.Select(a => a with { Id = Guid.NewGuid() }).ToList();
        var result = SubmissionScorer.Score(submitted, answer, T);
        Assert.True(result.IsClean);
        Assert.Equal(2, Tally(result, ErrorCode.MissedRegion).Opportunities);
        Assert.Equal(2, Tally(result, ErrorCode.WrongLabel).Opportunities);
        Assert.Equal(1, Tally(result, ErrorCode.TranscriptionError).Opportunities); // only the region with text
        Assert.Equal(0, Tally(result, ErrorCode.AcceptedBadSuggestion).Opportunities); // no suggestions
    }

    [Fact]
    public void MissedAndExtraRegions_AreFound()
    {
        var answer = new[] { Box(0, 0, 100, 20), Box(0, 100, 100, 20) };
        var submitted = new[] { answer[0] with { Id = Guid.NewGuid() }, Box(300, 300, 50, 50) };
        var result = SubmissionScorer.Score(submitted, answer, T);
        Assert.Equal(new ErrorTally(ErrorCode.MissedRegion, 1, 2), Tally(result, ErrorCode.MissedRegion));
        Assert.Equal(new ErrorTally(ErrorCode.ExtraRegion, 1, 2), Tally(result, ErrorCode.ExtraRegion));
    }

    [Fact]
    public void WrongLabel_OnAMatchedRegion()
    {
        var answer = new[] { Box(0, 0, 100, 20, cls: 1) };
        var result = SubmissionScorer.Score([answer[0] with { Id = Guid.NewGuid(), ClassId = 2 }], answer, T);
        Assert.Equal(1, Tally(result, ErrorCode.WrongLabel).Errors);
        Assert.Equal(1, result.ErrorCount);
    }

    [Fact]
    public void LooseAndTightGeometry_AreToldApartByArea()
    {
        var answer = new[] { Box(100, 100, 100, 40) };
        // 1.6× the area around the same centre: IoU 0.625, matched but not fitting.
        var loose = SubmissionScorer.Score([Box(87.35, 94.94, 126.49, 50.6)], answer, T);
        Assert.Equal(1, Tally(loose, ErrorCode.LooseGeometry).Errors);
        Assert.Equal(0, Tally(loose, ErrorCode.TightGeometry).Errors);
        var tight = SubmissionScorer.Score([Box(111.3, 104.5, 77.4, 31)], answer, T);
        Assert.Equal(1, Tally(tight, ErrorCode.TightGeometry).Errors);
        Assert.Equal(0, Tally(tight, ErrorCode.LooseGeometry).Errors);
        // A few pixels off is a fit.
        Assert.True(SubmissionScorer.Score([Box(102, 101, 100, 40)], answer, T).IsClean);
    }

    [Fact]
    public void TranscriptionError_IsAnyCharacterDifference()
    {
        var answer = new[] { Box(0, 0, 100, 20, text: "Total 15.70") };
        Assert.Equal(1, Tally(SubmissionScorer.Score([Box(0, 0, 100, 20, text: "Total 15.7O")], answer, T), ErrorCode.TranscriptionError).Errors);
        // The same text in another Unicode normal form is not an error.
        var accented = new[] { Box(0, 0, 100, 20, text: "Caf\u00e9") };
        Assert.True(SubmissionScorer.Score([Box(0, 0, 100, 20, text: "Cafe\u0301")], accented, T).IsClean);
    }

    [Fact]
    public void AcceptedBadSuggestion_CountsWrongSuggestionsKeptUnchanged_AndTheOnesFixed()
    {
        var answer = new[] { Box(0, 0, 100, 20, text: "CAFE"), Box(0, 50, 100, 20, text: "MENU"), Box(0, 100, 100, 20, text: "TEA") };
        var wrongKept = Box(0, 0, 100, 20, text: "CAFF", source: RegionSource.Model);
        var wrongFixed = Box(0, 50, 100, 20, text: "MFNU", source: RegionSource.Model);
        var rightKept = Box(0, 100, 100, 20, text: "TEA", source: RegionSource.Model);
        var suggestions = new[] { wrongKept, wrongFixed, rightKept };
        var submitted = new[] { wrongKept, wrongFixed with { Transcription = "MENU" }, rightKept };
        var result = SubmissionScorer.Score(submitted, answer, suggestions, new HashSet<Guid> { wrongKept.Id, rightKept.Id }, T);
        // Two wrong suggestions were chances; one was taken. A right suggestion kept is no chance at all.
        Assert.Equal(new ErrorTally(ErrorCode.AcceptedBadSuggestion, 1, 2), Tally(result, ErrorCode.AcceptedBadSuggestion));
        Assert.Equal(1, Tally(result, ErrorCode.TranscriptionError).Errors);
    }

    [Fact]
    public void AWrongSuggestionTheLabelerDeleted_IsAChanceNotTaken()
    {
        var answer = new[] { Box(0, 0, 100, 20) };
        var spurious = Box(400, 400, 50, 50, source: RegionSource.Model);
        var result = SubmissionScorer.Score([answer[0] with { Id = Guid.NewGuid() }], answer, [spurious], new HashSet<Guid>(), T);
        Assert.Equal(new ErrorTally(ErrorCode.AcceptedBadSuggestion, 0, 1), Tally(result, ErrorCode.AcceptedBadSuggestion));
        Assert.True(result.IsClean);
    }

    [Fact]
    public void Matching_IsOptimal_NotGreedy()
    {
        // Greedy by best IoU would give s1 to a1 (0.6), leaving s2 with nothing above the floor: one miss, one extra.
        // The optimal assignment pairs s1–a2 and s2–a1, both above the floor.
        var a1 = Box(0, 0, 100, 100);
        var a2 = Box(60, 0, 100, 100);
        var s1 = Box(40, 0, 100, 100);
        var s2 = Box(-20, 0, 100, 100);
        var pairs = RegionMatcher.Match([s1, s2], [a1, a2], 0.5);
        Assert.Equal(2, pairs.Count);
        Assert.Contains(pairs, p => p.Submitted == 0 && p.Answer == 1);
        Assert.Contains(pairs, p => p.Submitted == 1 && p.Answer == 0);
    }

    [Fact]
    public void Matching_ScalesToThousandsOfRegions()
    {
        var answer = Enumerable.Range(0, 3000).Select(i => Box(i % 30 * 110, i / 30 * 30, 100, 20)).ToList();
        var submitted = answer.Select(a => a with { Id = Guid.NewGuid(), Points = [new Point2(a.Points[0].X + 2, a.Points[0].Y), new Point2(a.Points[1].X + 2, a.Points[1].Y)] }).ToList();
        var result = SubmissionScorer.Score(submitted, answer, T);
        Assert.Equal(3000, result.Regions.Count);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void Hungarian_FindsTheMinimumCostAssignment()
    {
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal([1, 0, 2], HungarianAssignment.Solve(cost));
        // More rows than columns: one row is left out.
        Assert.Equal(1, HungarianAssignment.Solve(new double[,] { { 1 }, { 0 } }).Count(c => c == 0));
    }
}
