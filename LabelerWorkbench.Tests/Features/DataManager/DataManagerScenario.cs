using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Review;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Features.DataManager;

/// <summary>
/// A fresh project per test, with the demo labelers and reviewer as members and a few imported images, moved
/// through the real flows (lease, save, submit, review), so each test sees only its own tasks.
/// </summary>
public sealed class DataManagerScenario(WorkbenchFactory app)
{
    public int ProjectId { get; private set; }
    public int ClassId { get; private set; }
    public string LeadId { get; private set; } = "";
    public string Labeler1 { get; private set; } = "";
    public string Labeler2 { get; private set; } = "";
    public string ReviewerId { get; private set; } = "";
    public List<int> TaskIds { get; } = [];
    public Actor Lead => new(LeadId, true);

    /// <summary>Creates the project and imports <paramref name="images"/> tasks; every submission is sampled for review unless <paramref name="reviewAll"/> is off.</summary>
    public async Task<DataManagerScenario> CreateAsync(int images, bool reviewAll = true)
    {
        LeadId = await app.UserIdAsync(DemoSeeder.Users[0]);
        Labeler1 = await app.UserIdAsync(DemoSeeder.Users[1]);
        Labeler2 = await app.UserIdAsync(DemoSeeder.Users[2]);
        ReviewerId = await app.UserIdAsync(DemoSeeder.Users[3]);
        var (id, problems) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = $"DM {Guid.NewGuid():N}",
            Classes = [new() { Name = "Text" }],
            MemberIds = [Labeler1, Labeler2, ReviewerId],
            PreAnnotate = false,
        });
        Assert.Empty(problems);
        ProjectId = id!.Value;
        await using (var db = app.Db()) ClassId = await db.LabelClasses.Where(c => c.ProjectId == ProjectId).Select(c => c.Id).SingleAsync();
        var overview = app.Get<QualityOverview>();
        var settings = await overview.SettingsAsync(ProjectId);
        settings.GoldRate = 0;
        settings.MinOpportunities = 1000;
        if (reviewAll) settings.ReviewNewLabelerTasks = 1000;
        else { settings.ReviewNewLabelerTasks = 0; settings.ReviewBaseRate = 0; }
        Assert.Empty(await overview.SaveSettingsAsync(ProjectId, settings));
        for (var i = 0; i < images; i++)
        {
            var seed = Random.Shared.Next();
            var imported = await app.Get<ImportService>().ImportAsync(ProjectId, $"img-{i:00}.png", new MemoryStream(TestImages.Png(120, 80, seed)));
            TaskIds.Add(imported.TaskId!.Value);
        }
        return this;
    }

    /// <summary>The labeler leases the next task, draws one box and submits; returns the task's id.</summary>
    public async Task<int> SubmitNextAsync(string labelerId, string text = "hello")
    {
        var labeling = app.Get<LabelingService>();
        var taskId = (await labeling.LeaseNextAsync(ProjectId, labelerId))!.Value;
        var region = new RegionData(Guid.NewGuid(), GeometryKind.Box, ClassId, [new(10, 10), new(60, 40)], text, Provenance.Labeler(labelerId));
        Assert.True((await labeling.SaveDraftAsync(taskId, labelerId, [region], [])).Ok);
        var submitted = await labeling.SubmitAsync(taskId, labelerId);
        Assert.True(submitted.Ok, string.Join(" ", submitted.Problems));
        return taskId;
    }

    /// <summary>The reviewer rejects the task, tagging one fix with <paramref name="code"/>.</summary>
    public async Task RejectAsync(int taskId, ErrorCode code)
    {
        var review = app.Get<ReviewService>();
        var (session, error) = await review.OpenAsync(taskId, ReviewerId, false);
        Assert.True(session is not null, error);
        var problems = await review.DecideAsync(taskId, ReviewerId, false, ReviewVerdict.Rejected, session!.Submitted,
            [new ReviewFix(session.Submitted[0].Id, code, "look again")], "");
        Assert.Empty(problems);
    }

    /// <summary>The reviewer accepts the task as submitted.</summary>
    public async Task AcceptAsync(int taskId)
    {
        var review = app.Get<ReviewService>();
        var (session, error) = await review.OpenAsync(taskId, ReviewerId, false);
        Assert.True(session is not null, error);
        Assert.Empty(await review.DecideAsync(taskId, ReviewerId, false, ReviewVerdict.Accepted, session!.Submitted, [], ""));
    }

    public async Task<LabelTask> TaskAsync(int id)
    {
        await using var db = app.Db();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
