using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Review;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>From a submission to quality events, a flag, a training assignment; and a review that returns a task.</summary>
public class QualityLoopTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    async Task SetPolicyAsync(Action<QualitySettings> change)
    {
        var settings = await app.Get<QualityOverview>().SettingsAsync(app.DemoProjectId());
        change(settings);
        Assert.Empty(await app.Get<QualityOverview>().SaveSettingsAsync(app.DemoProjectId(), settings));
        Assert.Equal(settings.GoldRate, (await app.Get<QualityOverview>().SettingsAsync(app.DemoProjectId())).GoldRate);
    }

    [Fact]
    public async Task PoorWorkOnAGoldTask_IsScored_Flagged_AndAssignsMustCompleteTraining()
    {
        // One gold page holds three or four lines: a lead running a tiny pilot lowers the evidence needed to flag.
        await SetPolicyAsync(q => { q.GoldRate = 1; q.MinOpportunities = 3; q.FlagEvidence = 3; q.TrainingMode = TrainingMode.MustComplete; });
        var labeling = app.Get<LabelingService>();
        var labeler = await app.UserIdAsync(DemoSeeder.Users[2]);

        var copyId = await labeling.LeaseNextAsync(app.DemoProjectId(), labeler);
        await using (var db = app.Db())
        {
            var copy = await db.Tasks.SingleAsync(t => t.Id == copyId);
            Assert.NotNull(copy.GoldSourceTaskId);
            Assert.Equal(LabelTaskStatus.Leased, copy.Status);
            Assert.True(await db.GoldAnswers.AnyAsync(g => g.TaskId == copy.GoldSourceTaskId));
        }
        // Submit nothing: every line of the answer is missed.
        var submitted = await labeling.SubmitAsync(copyId!.Value, labeler);
        Assert.True(submitted.Ok, string.Join("; ", submitted.Problems));

        await using (var db = app.Db())
        {
            var check = await db.QualityChecks.Include(c => c.Events).SingleAsync(c => c.TaskId == copyId && c.Kind == QualityCheckKind.Gold);
            var missed = check.Events.Single(e => e.Code == ErrorCode.MissedRegion);
            Assert.True(missed.Errors >= 3 && missed.Errors == missed.Opportunities, $"{missed.Errors}/{missed.Opportunities}");
            Assert.Equal(labeler, check.SubjectId);
        }
        var assignment = await Eventually.Get(async () =>
        {
            await using var db = app.Db();
            return await db.TrainingAssignments.FirstOrDefaultAsync(a => a.LabelerId == labeler);
        }, "the training assignment");
        Assert.Equal(ErrorCode.MissedRegion, assignment.Code);
        Assert.Equal("missed_region", assignment.ModuleId);
        Assert.Equal(TrainingMode.MustComplete, assignment.Mode);
        Assert.True(assignment.RateBefore > 0.3, $"rate before {assignment.RateBefore}");
        await using (var db = app.Db())
            Assert.True(await db.QualityFlags.AnyAsync(f => f.LabelerId == labeler && f.Code == ErrorCode.MissedRegion && f.ClearedAt == null));

        // Must-complete: no next task until the module is passed.
        Assert.Null(await labeling.LeaseNextAsync(app.DemoProjectId(), labeler));
        var module = app.Get<LabelerWorkbench.Features.Quality.Training.TrainingLibrary>().For(ErrorCode.MissedRegion)!;
        var perfect = module.Practice.Select((p, i) => LabelerWorkbench.Features.Quality.Training.TrainingService.ScorePractice(module, i, module.Regions(p.Answer, RegionSource.Labeler, false))).ToList();
        Assert.All(perfect, r => Assert.Equal(1.0, r.Share));
        var untouched = LabelerWorkbench.Features.Quality.Training.TrainingService.ScorePractice(module, 0, module.Regions(module.Practice[0].Suggestions, RegionSource.Model, false));
        Assert.True(untouched.Share < module.PassMark, "accepting the practice suggestions as they are does not pass");
        Assert.True(await app.Get<LabelerWorkbench.Features.Quality.Training.TrainingService>().RecordAttemptAsync(assignment.Id, labeler, perfect.Average(r => r.Share)));
        await SetPolicyAsync(q => q.GoldRate = 0);
        Assert.NotNull(await labeling.LeaseNextAsync(app.DemoProjectId(), labeler));
    }

    [Fact]
    public async Task AReviewerRejects_TheTaskGoesBackToItsLabeler_WithTheTaggedFixes()
    {
        await SetPolicyAsync(q => q.GoldRate = 0);
        var labeling = app.Get<LabelingService>();
        var labeler = await app.UserIdAsync(DemoSeeder.Users[1]);
        var reviewer = await app.UserIdAsync(DemoSeeder.Users[3]);
        var taskId = (await labeling.LeaseNextAsync(app.DemoProjectId(), labeler))!.Value;
        int textLine;
        await using (var db = app.Db()) textLine = (await db.LabelClasses.SingleAsync(c => c.ProjectId == app.DemoProjectId() && c.Name == "Text line")).Id;
        var region = new RegionData(Guid.NewGuid(), GeometryKind.Box, textLine, [new Point2(10, 10), new Point2(200, 60)], "Cafe Menv", Provenance.Labeler(labeler));
        Assert.True((await labeling.SaveDraftAsync(taskId, labeler, [region], [])).Ok);
        Assert.True((await labeling.SubmitAsync(taskId, labeler)).Ok);

        var reviews = app.Get<ReviewService>();
        var queued = Assert.Single(await reviews.QueueAsync(reviewer), q => q.TaskId == taskId);
        var (session, error) = await reviews.OpenAsync(taskId, reviewer, isLead: false);
        Assert.Null(error);
        // Another labeler cannot open it; the reviewer fixes the text and tags it.
        Assert.NotNull((await reviews.OpenAsync(taskId, labeler, isLead: false)).Error);
        var corrected = session!.Submitted.Select(r => r with { Transcription = "Cafe Menu" }).ToList();
        var fixes = ReviewFixes.Derive(session.Submitted, corrected, session.Thresholds);
        Assert.Equal(ErrorCode.TranscriptionError, Assert.Single(fixes).Code);
        Assert.Empty(await reviews.DecideAsync(taskId, reviewer, false, ReviewVerdict.Rejected, corrected, fixes, "Check the last letter."));

        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
            Assert.Equal(LabelTaskStatus.Returned, task.Status);
            Assert.Equal(labeler, task.LeasedBy);
            var review = await db.QualityChecks.Include(c => c.Events).SingleAsync(c => c.TaskId == taskId && c.Kind == QualityCheckKind.Review);
            Assert.Equal(1, review.Events.Single(e => e.Code == ErrorCode.TranscriptionError).Errors);
        }
        // Nobody else gets it; its labeler does, with the feedback.
        Assert.NotEqual(taskId, await labeling.LeaseNextAsync(app.DemoProjectId(), "another-labeler"));
        Assert.Equal(taskId, await labeling.LeaseNextAsync(app.DemoProjectId(), labeler));
        var (reopened, _) = await labeling.OpenAsync(taskId, labeler);
        Assert.NotNull(reopened!.Feedback);
        Assert.Equal("Check the last letter.", reopened.Feedback.Comment);
        Assert.Equal(ErrorCode.TranscriptionError, Assert.Single(reopened.Feedback.Fixes).Code);

        // The labeler's own panel shows the numbers the lead sees for them: the same replay, policy and team prior.
        var mine = await app.Get<LabelerWorkbench.Features.Dashboard.LabelerStatsService>().LabelerAsync(labeler);
        var lead = (await app.Get<QualityOverview>().ForProjectAsync(app.DemoProjectId())).Labelers.Single(l => l.LabelerId == labeler);
        Assert.Equal(DemoSeeder.ProjectName, mine.ProjectName);
        Assert.Equal(lead.Rates, mine.Rates);
        var transcription = mine.Rates.Single(r => r.Code == ErrorCode.TranscriptionError);
        Assert.True(transcription.Errors == 1 && transcription.Mean > 0.1, $"{transcription}");
        Assert.Equal(1, mine.ReturnedTotal);
        Assert.Equal(1, mine.ToFix);
    }
}

/// <summary>Gold import in an app of its own: the answers it adds would change which gold task the loop tests get.</summary>
public class GoldImportTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task GoldImport_ReportsBadLines_AndKeepsTheGoodOnes()
    {
        var lead = await app.UserIdAsync(DemoSeeder.Users[0]);
        var jsonl = string.Join('\n',
            """{"image": "invoice-header.png", "regions": [{"label": "Text line", "box": [10, 10, 100, 30], "text": "INVOICE"}]}""",
            """{"image": "no-such.png", "regions": []}""",
            """{"image": "delivery-form.png", "regions": [{"label": "Nope", "box": [1, 1, 5, 5]}]}""",
            "not json");
        var (imported, problems) = await app.Get<LabelerWorkbench.Features.Quality.Gold.GoldService>().ImportAsync(app.DemoProjectId(),
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(jsonl)), lead, "test.jsonl");
        Assert.Equal(1, imported);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Line 2") && p.Contains("no-such.png"));
        Assert.Contains(problems, p => p.StartsWith("Line 3") && p.Contains("unknown label"));
        Assert.Contains(problems, p => p.StartsWith("Line 4"));
        await using var db = app.Db();
        var gold = await db.Tasks.SingleAsync(t => t.ProjectId == app.DemoProjectId() && t.FileName == "invoice-header.png" && t.GoldSourceTaskId == null);
        Assert.True(gold.IsGold);
        Assert.Equal(LabelTaskStatus.Accepted, gold.Status);
    }
}

/// <summary>A reviewer measured on a gold copy: what they let through becomes their profile and weighs their clean reviews.</summary>
public class ReviewerAuditTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task AReviewerWhoPassesAPoorGoldCopy_LetsItsErrorsThrough_AndTheirCleanReviewsCountForLess()
    {
        await app.SetQualityAsync(q => { q.GoldRate = 1; q.ReviewNewLabelerTasks = 100; q.FlagEvidence = 50; });
        var labeling = app.Get<LabelingService>();
        var labeler = await app.UserIdAsync(DemoSeeder.Users[1]);
        var reviewer = await app.UserIdAsync(DemoSeeder.Users[3]);
        var copy = (await labeling.LeaseNextAsync(app.DemoProjectId(), labeler))!.Value;
        Assert.True((await labeling.SubmitAsync(copy, labeler)).Ok);

        // Routed to the reviewer, who accepts the empty submission without a single tag.
        var reviews = app.Get<ReviewService>();
        Assert.Contains(await reviews.QueueAsync(reviewer), q => q.TaskId == copy);
        var (session, _) = await reviews.OpenAsync(copy, reviewer, isLead: false);
        Assert.Empty(await reviews.DecideAsync(copy, reviewer, false, ReviewVerdict.Accepted, session!.Submitted, [], ""));

        int missed;
        await using (var db = app.Db())
            missed = (await db.QualityChecks.Include(c => c.Events).SingleAsync(c => c.TaskId == copy && c.Kind == QualityCheckKind.Gold))
                .Events.Single(e => e.Code == ErrorCode.MissedRegion).Errors;
        var profile = (await app.Get<LabelerWorkbench.Features.Dashboard.ReviewerStatsService>().ReviewerAsync(reviewer)).Profile;
        Assert.Equal((ErrorCode.MissedRegion, missed, missed), profile.Single(p => p.Code == ErrorCode.MissedRegion));

        // The lead sees the same check: one gold task, none right, and the labeler's missed-region rate from the monitor's replay.
        var lead = await app.Get<LabelerWorkbench.Features.Dashboard.LeadDashboardService>().LeadAsync(app.DemoProjectId());
        var row = lead.Labelers.Single(l => l.LabelerId == labeler);
        Assert.Equal(new LabelerWorkbench.Features.Dashboard.Share(0, 1), row.GoldAccuracy);
        Assert.Equal(new LabelerWorkbench.Features.Dashboard.Share(1, 1), row.QaAcceptance);
        Assert.Equal(missed, row.Rate(ErrorCode.MissedRegion).Errors, 9);
        Assert.Contains(await app.Get<LabelerWorkbench.Features.Dashboard.LeadDashboardService>().DrillDownAsync(app.DemoProjectId(), labeler, ErrorCode.MissedRegion, null),
            d => d.TaskId == copy && d.Kind == "gold" && d.Errors == missed);

        // Every missed region let through: their sensitivity for that type falls below an unknown reviewer's 0.7.
        await using var check = app.Db();
        var tracker = await QualityReplay.BuildAsync(check, app.DemoProjectId(), (await check.Projects.SingleAsync(p => p.Id == app.DemoProjectId())).Quality.Monitor);
        Assert.Equal(1 - (missed + 1.2) / (missed + 4.0), tracker.Sensitivity(reviewer, ErrorCode.MissedRegion), 9);
        Assert.True(tracker.Sensitivity(reviewer, ErrorCode.MissedRegion) < tracker.Sensitivity("someone-unmeasured", ErrorCode.MissedRegion));
    }
}

/// <summary>The behavioural signals the adaptive gold rate weighs, read from ordinary submissions.</summary>
public class BehaviourSignalsTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task WorkingTimePerRegion_IsMeasuredFromLeaseToSubmit_PerLabelerAndForTheTeam()
    {
        await app.SetQualityAsync(q => { q.GoldRate = 0; q.ReviewNewLabelerTasks = 0; q.ReviewBaseRate = 0; });
        var labeling = app.Get<LabelingService>();
        int textLine;
        await using (var db = app.Db()) textLine = (await db.LabelClasses.SingleAsync(c => c.ProjectId == app.DemoProjectId() && c.Name == "Text line")).Id;
        async Task LabelAsync(string user, int regions, int seconds)
        {
            var task = (await labeling.LeaseNextAsync(app.DemoProjectId(), user))!.Value;
            app.Clock.Advance(TimeSpan.FromSeconds(seconds));
            var boxes = Enumerable.Range(0, regions).Select(i => new RegionData(Guid.NewGuid(), GeometryKind.Box, textLine,
                [new Point2(10, 10 + 40 * i), new Point2(100, 40 + 40 * i)], $"line {i}", Provenance.Labeler(user))).ToList();
            Assert.True((await labeling.SaveDraftAsync(task, user, boxes, [])).Ok);
            Assert.True((await labeling.SubmitAsync(task, user)).Ok);
        }
        var careful = await app.UserIdAsync(DemoSeeder.Users[1]);
        var quick = await app.UserIdAsync(DemoSeeder.Users[2]);
        await LabelAsync(careful, 2, 60);
        await LabelAsync(careful, 4, 60);
        await LabelAsync(quick, 3, 6);

        await using var check = app.Db();
        var behaviour = await LabelerWorkbench.Features.Quality.Gold.LabelerEvidenceQuery.BehaviourAsync(check, app.DemoProjectId(), default);
        Assert.Equal(2, behaviour[careful].Submissions);
        Assert.Equal(120 / 6.0, behaviour[careful].SecondsPerRegion, 6);
        Assert.Equal(2, behaviour[quick].SecondsPerRegion, 6);
        Assert.Equal(3, behaviour[""].Submissions);
        Assert.Equal(126 / 9.0, behaviour[""].SecondsPerRegion, 6);
        // A lease reads only its labeler's rows, and gets the same figures as the project-wide read.
        Assert.Equal(behaviour[careful], await LabelerEvidenceQuery.BehaviourOfAsync(check, app.DemoProjectId(), careful, default));
        Assert.Equal(behaviour[quick], await LabelerEvidenceQuery.BehaviourOfAsync(check, app.DemoProjectId(), quick, default));
        // The lead's quality page lists both from their first submission, before any gold check or review.
        var listed = (await app.Get<QualityOverview>().ForProjectAsync(app.DemoProjectId())).Labelers;
        Assert.Contains(listed, l => l.LabelerId == careful && l.Checks == 0 && l.Behaviour == behaviour[careful]);
        Assert.Contains(listed, l => l.LabelerId == quick);
        var idle = await app.UserIdAsync(DemoSeeder.Users[3]);
        Assert.Equal(0, (await LabelerEvidenceQuery.BehaviourOfAsync(check, app.DemoProjectId(), idle, default)).Submissions);

        // The team's baseline a lease compares with is read at most once a minute: a new submission shows after that.
        var cache = app.Get<TeamBehaviourCache>();
        Assert.Equal(3, (await cache.GetAsync(check, app.DemoProjectId(), default)).Submissions);
        await LabelAsync(quick, 1, 6);
        Assert.Equal(3, (await cache.GetAsync(check, app.DemoProjectId(), default)).Submissions);
        app.Clock.Advance(TeamBehaviourCache.MaxAge);
        Assert.Equal(4, (await cache.GetAsync(check, app.DemoProjectId(), default)).Submissions);
    }
}

public class GoldAnswerLineTests
{
    [Fact]
    public void AGoldAnswer_IsHeldToTheEditorsLimits()
    {
        var classes = new List<LabelClassInfo> { new(1, "Text line", "#000", "1", true, true, false) };
        string Polygon(int vertices) => "[" + string.Join(",", Enumerable.Range(0, vertices).Select(i => $"[{i % 100},{i / 100}]")) + "]";
        var ok = LabelerWorkbench.Features.Quality.Gold.GoldAnswerLine.Parse(
            $$"""{"image": "a.png", "regions": [{"label": "Text line", "polygon": {{Polygon(RegionRules.MaxPolygonVertices)}}}]}""", classes);
        Assert.NotNull(ok.Line);
        var tooMany = LabelerWorkbench.Features.Quality.Gold.GoldAnswerLine.Parse(
            $$"""{"image": "a.png", "regions": [{"label": "Text line", "polygon": {{Polygon(RegionRules.MaxPolygonVertices + 1)}}}]}""", classes);
        Assert.Null(tooMany.Line);
        Assert.Contains("at most 5,000 vertices", tooMany.Error);
        var longText = LabelerWorkbench.Features.Quality.Gold.GoldAnswerLine.Parse(
            $$"""{"image": "a.png", "regions": [{"label": "Text line", "box": [1, 1, 5, 5], "text": "{{new string('x', RegionRules.MaxTranscriptionLength + 1)}}"}]}""", classes);
        Assert.Contains("longer than", longText.Error);
    }
}
