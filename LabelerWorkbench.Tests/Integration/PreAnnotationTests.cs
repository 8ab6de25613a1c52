using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Inference.PreAnnotation;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LabelerWorkbench.Tests.Integration;

/// <remarks>In the browser tests' collection: the models take both cores, and a browser test running beside them
/// times out waiting for a page.</remarks>
[Collection(LabelerWorkbench.Tests.Browser.BrowserCollection.Name)]
public class PreAnnotationTests(PreAnnotatingFactory app) : IClassFixture<PreAnnotatingFactory>
{
    /// <summary>Waits for the background worker; the models take about half a second per image here.</summary>
    internal static async Task<LabelTask> WaitForPreAnnotation(WorkbenchFactory app, int taskId)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = app.Db();
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            if (task.PreAnnotation is PreAnnotationState.Done or PreAnnotationState.Failed) return task;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Task {taskId} was not pre-annotated within a minute.");
    }

    private async Task<int> ImportSampleAsync(string scene)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "assets", "samples", scene);
        // A copy with one changed pixel row would be a new image; the demo already holds this one, so use a new project.
        var (projectId, problems) = await app.Get<LabelerWorkbench.Features.Projects.ProjectAdminService>().SaveAsync(new()
        {
            Name = "OCR " + Guid.NewGuid().ToString("N")[..8],
            Classes = [new() { Name = "Line", RequiresTranscription = true }, new() { Name = "Stamp", AllowPolygon = false }],
        });
        Assert.Empty(problems);
        await using var stream = File.OpenRead(file);
        var result = await app.Get<ImportService>().ImportAsync(projectId!.Value, scene, stream);
        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        return result.TaskId!.Value;
    }

    [Fact]
    public async Task ImportingAnImage_ProducesModelRegionsWithProvenance_AndPrefilledText()
    {
        var taskId = await ImportSampleAsync("street-sign.png");
        var task = await WaitForPreAnnotation(app, taskId);
        Assert.Equal(PreAnnotationState.Done, task.PreAnnotation);
        Assert.Null(task.PreAnnotationError);

        await using var db = app.Db();
        var regions = (await db.DraftRegions.Where(r => r.TaskId == taskId).OrderBy(r => r.Order).ToListAsync()).Select(RegionJson.FromRow).ToList();
        // The sign has three lines; the detector may split a line where words stand far apart.
        Assert.InRange(regions.Count, 3, 6);
        Assert.All(regions, r =>
        {
            Assert.Equal(RegionSource.Model, r.Provenance.Source);
            Assert.Equal("ppocr-v4-det+ppocr-v4-rec", r.Provenance.ModelName);
            Assert.Equal("PP-OCRv4-mobile", r.Provenance.ModelVersion);
            Assert.InRange(r.Provenance.Confidence!.Value, 0.5, 1);
            Assert.True(r.Pending);
            Assert.Equal("Line", db.LabelClasses.Single(c => c.Id == r.ClassId).Name);
        });
        var all = string.Join(" ", regions.Select(r => r.Transcription));
        foreach (var word in new[] { "Station", "Road", "City", "Centre", "Harbour", "5 km" }) Assert.Contains(word, all);
        Assert.Equal(regions.Count, await db.Suggestions.CountAsync(s => s.TaskId == taskId));
    }

    [Fact]
    public async Task Submitting_RecordsWhatWasDoneWithEverySuggestion()
    {
        var taskId = await ImportSampleAsync("parking-notice.png");
        await WaitForPreAnnotation(app, taskId);
        await using (var db = app.Db())
        {
            // Make the labeler a member so they may lease it.
            var projectId = db.Tasks.Single(t => t.Id == taskId).ProjectId;
            var labeler = db.Users.Single(u => u.Email == DemoSeeder.Users[1].Email).Id;
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = labeler });
            await db.SaveChangesAsync();
        }
        var labelerId = (await app.Db().Users.SingleAsync(u => u.Email == DemoSeeder.Users[1].Email)).Id;
        var labeling = app.Get<LabelingService>();
        var projectOfTask = app.Db().Tasks.Single(t => t.Id == taskId).ProjectId;
        Assert.Equal(taskId, await labeling.LeaseNextAsync(projectOfTask, labelerId));
        var (session, _) = await labeling.OpenAsync(taskId, labelerId);
        var regions = session!.Regions;
        Assert.True(regions.Count >= 3, $"expected the notice's lines, got {regions.Count}");

        // Keep the first as it is, fix the text of the second, delete the third; the rest are kept.
        var edited = regions[1] with { Transcription = regions[1].Transcription + "!", Pending = false };
        var upserts = regions.Where((_, i) => i != 1 && i != 2).Select(r => r with { Pending = false }).Append(edited).ToList();
        Assert.True((await labeling.SaveDraftAsync(taskId, labelerId, upserts, [regions[2].Id])).Ok);
        var submit = await labeling.SubmitAsync(taskId, labelerId);
        Assert.True(submit.Ok, string.Join("; ", submit.Problems));

        await using var check = app.Db();
        var outcomes = await check.SuggestionOutcomes.Where(o => o.TaskId == taskId).ToDictionaryAsync(o => o.SuggestionId);
        Assert.Equal(regions.Count, outcomes.Count);
        Assert.Equal(SuggestionOutcomeKind.Kept, outcomes[regions[0].Id].Outcome);
        Assert.Equal(SuggestionOutcomeKind.Edited, outcomes[regions[1].Id].Outcome);
        Assert.True(outcomes[regions[1].Id].TextChanged);
        Assert.False(outcomes[regions[1].Id].GeometryChanged);
        Assert.Equal(SuggestionOutcomeKind.Deleted, outcomes[regions[2].Id].Outcome);
        Assert.All(outcomes.Values, o => Assert.Equal(labelerId, o.DecidedBy));
    }

    [Fact]
    public async Task ALeaseRightAfterImport_WaitsForTheModels_AndTheTaskArrivesWithItsSuggestions()
    {
        // The models are busy elsewhere (this node's worker is stopped): otherwise a fast image can be done before the
        // first lease, and the test would race the models instead of checking the queue.
        var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PreAnnotationWorker>().Single();
        await worker.StopAsync(CancellationToken.None);
        int taskId, projectId;
        string labelerId;
        LabelingService labeling;
        try
        {
            taskId = await ImportSampleAsync("receipt-corner-shop.png");
            projectId = app.Db().Tasks.Single(t => t.Id == taskId).ProjectId;
            labelerId = (await app.Db().Users.SingleAsync(u => u.Email == DemoSeeder.Users[1].Email)).Id;
            await using (var db = app.Db())
            {
                db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = labelerId });
                await db.SaveChangesAsync();
            }
            labeling = app.Get<LabelingService>();

            // Before the models have read it, asking for work finds the task waiting, not leasable.
            Assert.Null(await labeling.LeaseNextAsync(projectId, labelerId));
            Assert.Equal(1, await labeling.WaitingForModelsAsync(projectId));
            Assert.Equal(PreAnnotationState.Queued, app.Db().Tasks.Single(t => t.Id == taskId).PreAnnotation);
        }
        finally
        {
            await worker.StartAsync(CancellationToken.None);
        }

        int? leased = null;
        for (var i = 0; i < 600 && leased is null; i++)
        {
            leased = await labeling.LeaseNextAsync(projectId, labelerId);
            if (leased is null) await Task.Delay(100);
        }
        Assert.Equal(taskId, leased);
        await using var check = app.Db();
        Assert.Equal(PreAnnotationState.Done, check.Tasks.Single(t => t.Id == taskId).PreAnnotation);
        Assert.True(await check.DraftRegions.CountAsync(r => r.TaskId == taskId) >= 3, "the leased task has the models' regions");
    }

    [Fact]
    public async Task PendingSuggestions_BlockSubmit_UntilLookedAt()
    {
        var taskId = await ImportSampleAsync("invoice-header.png");
        await WaitForPreAnnotation(app, taskId);
        await using var db = app.Db();
        var regions = (await db.DraftRegions.Where(r => r.TaskId == taskId).ToListAsync()).Select(RegionJson.FromRow).ToList();
        var schema = await app.Get<LabelerWorkbench.Features.Projects.ProjectAccess>().SchemaAsync(db.Tasks.Single(t => t.Id == taskId).ProjectId);
        var problems = RegionRules.CheckSubmit(regions, schema);
        Assert.Contains(problems, p => p.EndsWith("accept, edit or delete the model's suggestion."));
    }
}

/// <summary>A model file that does not match its manifest: the task is refused nothing but its suggestions.</summary>
public sealed class BrokenModelFactory : WorkbenchFactory
{
    protected override bool PreAnnotate => true;

    public BrokenModelFactory()
    {
        // A user model folder overriding the shipped detector with a damaged copy.
        var models = Path.Combine(DataDir, "models");
        Directory.CreateDirectory(models);
        var shipped = Path.Combine(AppContext.BaseDirectory, "assets", "models");
        File.Copy(Path.Combine(shipped, "ppocr-v4-det.json"), Path.Combine(models, "ppocr-v4-det.json"));
        var bytes = File.ReadAllBytes(Path.Combine(shipped, "ch_PP-OCRv4_det_infer.onnx"));
        bytes[bytes.Length / 3] ^= 0x5A;
        File.WriteAllBytes(Path.Combine(models, "ch_PP-OCRv4_det_infer.onnx"), bytes);
    }
}

public class BrokenModelTests(BrokenModelFactory app) : IClassFixture<BrokenModelFactory>
{
    [Fact]
    public async Task ABrokenModel_LeavesTheTaskLabelable_AndReportsTheError()
    {
        var projectId = app.DemoProjectId();
        await using var db0 = app.Db();
        var taskId = await db0.Tasks.Where(t => t.ProjectId == projectId).Select(t => t.Id).FirstAsync();
        var task = await PreAnnotationTests.WaitForPreAnnotation(app, taskId);
        Assert.Equal(PreAnnotationState.Failed, task.PreAnnotation);
        Assert.Contains("corrupt or not the expected file", task.PreAnnotationError);

        var labelerId = db0.Users.Single(u => u.Email == DemoSeeder.Users[1].Email).Id;
        var labeling = app.Get<LabelingService>();
        var leased = await labeling.LeaseNextAsync(projectId, labelerId);
        Assert.NotNull(leased);
        var (session, error) = await labeling.OpenAsync(leased!.Value, labelerId);
        Assert.Null(error);
        Assert.Empty(session!.Regions);
    }
}
