using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Training;

namespace LabelerWorkbench.Tests.Features.Quality.Training;

public class PracticeFeedbackTests
{
    static readonly LabelSchema Schema = new([
        new LabelClassInfo(-1, "Text line", "#1e88e5", "1", true, true, true),
        new LabelClassInfo(-2, "Price", "#e53935", "2", true, true, true),
    ]);

    static RegionData Box(int classId, double x, double y, double w, double h, string text, RegionSource source = RegionSource.Labeler) =>
        new(Guid.NewGuid(), GeometryKind.Box, classId, [new Point2(x, y), new Point2(x + w, y + h)], text, new Provenance(source, null));

    [Fact]
    public void EachMistake_IsNumbered_PlacedOnItsRegion_AndSaysWhatTheAnswerHas()
    {
        var answer = new[]
        {
            Box(-1, 40, 40, 200, 30, "Order 5521", RegionSource.Reviewer),
            Box(-1, 40, 120, 300, 30, "Total", RegionSource.Reviewer),
            Box(-2, 40, 200, 120, 30, "12.50", RegionSource.Reviewer),
        };
        var submitted = new[]
        {
            Box(-1, 41, 121, 300, 30, "Tota1"),     // right place, wrong text
            Box(-1, 40, 200, 120, 30, "12.50"),     // right place, wrong class
            Box(-1, 400, 300, 80, 30, "smudge"),    // nothing there
        };

        var marks = PracticeFeedback.Explain(SubmissionScorer.Score(submitted, answer, ScoringThresholds.Default), submitted, answer, Schema);

        Assert.Equal([1, 2, 3, 4], marks.Select(m => m.Number));
        Assert.Equal([ErrorCode.MissedRegion, ErrorCode.TranscriptionError, ErrorCode.WrongLabel, ErrorCode.ExtraRegion], marks.Select(m => m.Code));
        Assert.Equal("missed: answer region 1 'Order 5521'", marks[0].Text);
        Assert.Equal(answer[0].Bounds, marks[0].At);
        Assert.Equal("wrong text: 'Tota1' should be 'Total' (your region 1)", marks[1].Text);
        Assert.Equal(submitted[0].Bounds, marks[1].At);
        Assert.Equal("wrong class: your region 2 is 'Text line', should be 'Price'", marks[2].Text);
        Assert.Equal("extra: your region 3 'smudge' is not in the answer", marks[3].Text);
        Assert.Equal(submitted[2].Bounds, marks[3].At);
    }

    [Fact]
    public void BadFits_SayWhichWay_AndACleanAnswerHasNoMarks()
    {
        var answer = new[] { Box(-1, 100, 100, 200, 40, "Total", RegionSource.Reviewer), Box(-1, 100, 200, 200, 40, "Paid", RegionSource.Reviewer) };
        var submitted = new[] { Box(-1, 90, 90, 260, 55, "Total"), Box(-1, 100, 205, 140, 30, "Paid") };

        var marks = PracticeFeedback.Explain(SubmissionScorer.Score(submitted, answer, ScoringThresholds.Default), submitted, answer, Schema);

        Assert.Equal(["too loose: your region 1 covers much more than answer region 1", "too tight: your region 2 crops answer region 2"], marks.Select(m => m.Text));
        Assert.Empty(PracticeFeedback.Explain(SubmissionScorer.Score(answer, answer, ScoringThresholds.Default), answer, answer, Schema));
    }

    [Fact]
    public void APracticeRun_PassesOnlyWhenEveryImageReachedThePassMark()
    {
        Assert.Equal((0.95, true), PracticeFeedback.Outcome([1.0, 0.9], 0.9));
        // The average is over the mark, but the second image was not passed.
        var (score, passed) = PracticeFeedback.Outcome([1.0, 0.75], 0.85);
        Assert.Equal(0.875, score, 6);
        Assert.False(passed);
        Assert.False(PracticeFeedback.Outcome([], 0.9).Passed);
    }
}
