using System.Net;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Live;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Features.DataManager;

/// <summary>The lead's bulk actions: each valid transition, each refusal with its per-task reason, and who may act.</summary>
public class TaskBulkActionsTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    TaskBulkActions Actions => app.Get<TaskBulkActions>();

    [Fact]
    public async Task Reassign_MovesReadyLeasedAndReturnedTasks_RefusesSubmittedWork_WithReasons()
    {
        var s = await new DataManagerScenario(app).CreateAsync(5);
        var returned = await s.SubmitNextAsync(s.Labeler1);
        var leased = (await app.Get<LabelingService>().LeaseNextAsync(s.ProjectId, s.Labeler1))!.Value;
        await s.RejectAsync(returned, ErrorCode.WrongLabel);
        var inReview = await s.SubmitNextAsync(s.Labeler2);
        var ready = s.TaskIds.Except([returned, inReview, leased]).First();

        var outcome = await Actions.ReassignAsync(s.ProjectId, [returned, inReview, leased, ready], s.Labeler2, s.Lead);

        Assert.Equal(3, outcome.Done);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.StartsWith($"Task {inReview} ({(await s.TaskAsync(inReview)).FileName}): It is in review", refusal);
        Assert.Equal((LabelTaskStatus.Returned, s.Labeler2), Holder(await s.TaskAsync(returned)));
        Assert.Equal((LabelTaskStatus.Leased, s.Labeler2), Holder(await s.TaskAsync(leased)));
        Assert.Equal((LabelTaskStatus.Leased, s.Labeler2), Holder(await s.TaskAsync(ready)));
        Assert.Equal((LabelTaskStatus.InReview, null), Holder(await s.TaskAsync(inReview)));
        // The first labeler's lease is gone: their next save is refused, not written over the new holder's work.
        var save = await app.Get<LabelingService>().SaveDraftAsync(leased, s.Labeler1, [], []);
        Assert.False(save.Ok);
        // The new holder finds the assigned work when they start labeling.
        Assert.Contains(await app.Get<LabelingService>().LeaseNextAsync(s.ProjectId, s.Labeler2), new int?[] { leased, ready });
    }

    [Fact]
    public async Task Reassign_ToSomeoneWhoIsNotALabelerOfTheProject_IsRefusedWhole()
    {
        var s = await new DataManagerScenario(app).CreateAsync(1);
        var outcome = await Actions.ReassignAsync(s.ProjectId, s.TaskIds, s.ReviewerId, s.Lead);
        Assert.Equal(0, outcome.Done);
        Assert.Equal("The chosen person is not a labeler of this project.", Assert.Single(outcome.Refusals));
        Assert.Equal(LabelTaskStatus.Ready, (await s.TaskAsync(s.TaskIds[0])).Status);
    }

    [Fact]
    public async Task ReturnToLabeler_SendsAcceptedAndReviewedWorkBack_RefusesUnsubmitted()
    {
        var s = await new DataManagerScenario(app).CreateAsync(3);
        var accepted = await s.SubmitNextAsync(s.Labeler1);
        await s.AcceptAsync(accepted);
        var inReview = await s.SubmitNextAsync(s.Labeler2);
        var ready = s.TaskIds[2];

        var outcome = await Actions.ReturnToLabelerAsync(s.ProjectId, [accepted, inReview, ready], s.Lead);

        Assert.Equal(2, outcome.Done);
        Assert.Equal($"Task {ready} (img-02.png): Nobody has submitted it yet.", Assert.Single(outcome.Refusals));
        Assert.Equal((LabelTaskStatus.Returned, s.Labeler1), Holder(await s.TaskAsync(accepted)));
        Assert.Equal((LabelTaskStatus.Returned, s.Labeler2), Holder(await s.TaskAsync(inReview)));
        // Only the labeler it went back to can take it up.
        Assert.Equal(accepted, await app.Get<LabelingService>().LeaseNextAsync(s.ProjectId, s.Labeler1));
    }

    [Fact]
    public async Task ReturnToLabeler_LeavesTheLeadsReason_OrASayingThatALeadReturnedIt_ForTheLabeler()
    {
        var s = await new DataManagerScenario(app).CreateAsync(2, reviewAll: false);
        var withReason = await s.SubmitNextAsync(s.Labeler1);
        var without = await s.SubmitNextAsync(s.Labeler1);

        Assert.Equal(1, (await Actions.ReturnToLabelerAsync(s.ProjectId, [withReason], s.Lead, "  The receipt total is missing.  ")).Done);
        Assert.Equal(1, (await Actions.ReturnToLabelerAsync(s.ProjectId, [without], s.Lead, " ")).Done);

        var labeling = app.Get<LabelingService>();
        var (session, error) = await labeling.OpenAsync(withReason, s.Labeler1);
        Assert.True(session is not null, error);
        Assert.Equal("The receipt total is missing.", session!.Feedback?.Comment);
        Assert.EndsWith("(team lead)", session.Feedback!.ReviewerName);
        Assert.Empty(session.Feedback.Fixes);
        (session, error) = await labeling.OpenAsync(without, s.Labeler1);
        Assert.True(session is not null, error);
        Assert.Equal(TaskBulkActions.DefaultReturnReason, session!.Feedback?.Comment);
    }

    [Fact]
    public async Task BulkActions_AnnounceOnlyTheChangedTasks_WithTheSingleTaskEvents()
    {
        var s = await new DataManagerScenario(app).CreateAsync(3, reviewAll: false);
        var first = await s.SubmitNextAsync(s.Labeler1);
        var second = await s.SubmitNextAsync(s.Labeler2);
        var ready = s.TaskIds.Except([first, second]).Single();
        var hub = app.Get<INotificationHub>();
        var reviews = new List<ReviewCompleted>();
        var submissions = new List<TaskSubmitted>();
        var bulk = new List<TasksChangedByLead>();
        using var a = hub.Subscribe<ReviewCompleted>(m => { if (m.ProjectId == s.ProjectId) lock (reviews) reviews.Add(m); return Task.CompletedTask; });
        using var b = hub.Subscribe<TaskSubmitted>(m => { if (m.ProjectId == s.ProjectId) lock (submissions) submissions.Add(m); return Task.CompletedTask; });
        using var c = hub.Subscribe<TasksChangedByLead>(m => { if (m.ProjectId == s.ProjectId) lock (bulk) bulk.Add(m); return Task.CompletedTask; });

        var sent = await Actions.SendToReviewAsync(s.ProjectId, [first, ready], s.ReviewerId, s.Lead);
        Assert.Equal([first], sent.Changed);
        Assert.Equal((first, s.Labeler1, LabelTaskStatus.InReview), Assert.Single(submissions) is var m1 ? (m1.TaskId, m1.LabelerId, m1.Status) : default);

        var returned = await Actions.ReturnToLabelerAsync(s.ProjectId, [second, ready], s.Lead);
        Assert.Equal([second], returned.Changed);
        Assert.Equal((second, s.Labeler2, ReviewVerdict.Rejected), Assert.Single(reviews) is var m2 ? (m2.TaskId, m2.LabelerId, m2.Verdict) : default);

        // An action that changed nothing announces nothing.
        var refused = await Actions.ReturnToLabelerAsync(s.ProjectId, [ready], s.Lead);
        Assert.Empty(refused.Changed);
        Assert.Single(reviews);
        Assert.Equal([$"sent to review {first}", $"returned {second}"], bulk.Select(e => $"{e.Action} {string.Join(",", e.TaskIds)}"));
    }

    [Fact]
    public async Task SendToReview_RoutesAcceptedWorkToTheChosenReviewer_RefusesReadyTasks_AndNonReviewers()
    {
        var s = await new DataManagerScenario(app).CreateAsync(2, reviewAll: false);
        var accepted = await s.SubmitNextAsync(s.Labeler1);
        Assert.Equal(LabelTaskStatus.Accepted, (await s.TaskAsync(accepted)).Status);

        Assert.Equal("The chosen person is not a reviewer of this project.",
            Assert.Single((await Actions.SendToReviewAsync(s.ProjectId, [accepted], s.Labeler2, s.Lead)).Refusals));
        var outcome = await Actions.SendToReviewAsync(s.ProjectId, [accepted, s.TaskIds[1]], s.ReviewerId, s.Lead);

        Assert.Equal(1, outcome.Done);
        Assert.Contains("only submitted or accepted work can go to review", Assert.Single(outcome.Refusals));
        var task = await s.TaskAsync(accepted);
        Assert.Equal(LabelTaskStatus.InReview, task.Status);
        Assert.Equal(s.ReviewerId, task.ReviewerId);
        Assert.Contains(await app.Get<LabelerWorkbench.Features.Review.ReviewService>().QueueAsync(s.ReviewerId), q => q.TaskId == accepted);
    }

    [Fact]
    public async Task Gold_MarksAcceptedWorkWithItsAnswer_RefusesTheRest_AndUnmarks()
    {
        var s = await new DataManagerScenario(app).CreateAsync(2, reviewAll: false);
        var accepted = await s.SubmitNextAsync(s.Labeler1);

        var marked = await Actions.SetGoldAsync(s.ProjectId, [accepted, s.TaskIds[1]], true, s.Lead);
        Assert.Equal(1, marked.Done);
        Assert.Contains("Only an accepted task can become gold", Assert.Single(marked.Refusals));
        await using (var db = app.Db())
        {
            Assert.True((await db.Tasks.SingleAsync(t => t.Id == accepted)).IsGold);
            Assert.True(await db.GoldAnswers.AnyAsync(g => g.TaskId == accepted));
        }
        // A gold task keeps its hands: no reassigning or returning it.
        Assert.Contains("gold", Assert.Single((await Actions.ReturnToLabelerAsync(s.ProjectId, [accepted], s.Lead)).Refusals));

        Assert.Equal(1, (await Actions.SetGoldAsync(s.ProjectId, [accepted], false, s.Lead)).Done);
        await using (var db = app.Db())
        {
            Assert.False((await db.Tasks.SingleAsync(t => t.Id == accepted)).IsGold);
            Assert.False(await db.GoldAnswers.AnyAsync(g => g.TaskId == accepted));
        }
    }

    [Fact]
    public async Task Delete_RemovesUntouchedTasksOnly()
    {
        var s = await new DataManagerScenario(app).CreateAsync(3, reviewAll: false);
        var accepted = await s.SubmitNextAsync(s.Labeler1);
        var leased = (await app.Get<LabelingService>().LeaseNextAsync(s.ProjectId, s.Labeler2))!.Value;
        var ready = s.TaskIds[2];

        var outcome = await Actions.DeleteAsync(s.ProjectId, [accepted, leased, ready], s.Lead);

        Assert.Equal(1, outcome.Done);
        Assert.Equal(2, outcome.Refusals.Count);
        Assert.Contains(outcome.Refusals, r => r.StartsWith($"Task {accepted} ") && r.Contains("submitted"));
        Assert.Contains(outcome.Refusals, r => r.StartsWith($"Task {leased} ") && r.Contains("working on it"));
        await using var db = app.Db();
        Assert.False(await db.Tasks.AnyAsync(t => t.Id == ready));
        Assert.True(await db.Tasks.AnyAsync(t => t.Id == accepted));
        Assert.True(await db.Revisions.AnyAsync(r => r.TaskId == accepted));
    }

    [Fact]
    public async Task ANonLead_ChangesNothing_AndAnotherProjectsTaskReadsAsMissing()
    {
        var s = await new DataManagerScenario(app).CreateAsync(2);
        var other = await new DataManagerScenario(app).CreateAsync(1);
        var labeler = new Actor(s.Labeler1, false);
        foreach (var outcome in new[]
        {
            await Actions.ReassignAsync(s.ProjectId, s.TaskIds, s.Labeler1, labeler),
            await Actions.ReturnToLabelerAsync(s.ProjectId, s.TaskIds, labeler),
            await Actions.SendToReviewAsync(s.ProjectId, s.TaskIds, s.ReviewerId, labeler),
            await Actions.SetGoldAsync(s.ProjectId, s.TaskIds, true, labeler),
            await Actions.DeleteAsync(s.ProjectId, s.TaskIds, labeler),
        })
        {
            Assert.Equal(0, outcome.Done);
            Assert.Equal(TaskBulkActions.LeadsOnly, Assert.Single(outcome.Refusals));
        }
        await using (var db = app.Db())
            Assert.All(await db.Tasks.Where(t => s.TaskIds.Contains(t.Id)).ToListAsync(), t => Assert.Equal(LabelTaskStatus.Ready, t.Status));

        var wrongProject = await Actions.DeleteAsync(s.ProjectId, [other.TaskIds[0]], s.Lead);
        Assert.Equal($"Task {other.TaskIds[0]}: no such task in this project.", Assert.Single(wrongProject.Refusals));
        Assert.NotNull(await other.TaskAsync(other.TaskIds[0]));
    }

    [Theory]
    [InlineData("/projects/{0}/tasks")]
    [InlineData("/projects/{0}/tasks/1")]
    public async Task Labeler_Gets403_OnTheDataManagerPages(string page)
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1], followRedirects: true);
        var response = await labeler.GetAsync(string.Format(page, app.DemoProjectId()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var lead = await app.SignInAsync(DemoSeeder.Users[0], followRedirects: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/my-work")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(string.Format(page, app.DemoProjectId()))).StatusCode);
    }

    static (LabelTaskStatus, string?) Holder(LabelTask t) => (t.Status, t.LeasedBy);
}
