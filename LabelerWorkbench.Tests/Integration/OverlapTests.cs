using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using System.Text.Json;
using LabelerWorkbench.Features.Consensus;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Export.Formats;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>Overlap tasks through the real services: replicas handed out, never twice to one labeler, merged when due.</summary>
public class OverlapTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    private async Task<int> OverlapProject(string name, int tasks, int replicas, double threshold = 0.8, OverlapMode mode = OverlapMode.All)
    {
        var (id, problems) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = name,
            Classes = [new() { Name = "Text", Hotkey = "1" }, new() { Name = "Price", Hotkey = "2" }],
        });
        Assert.Empty(problems);
        var import = app.Get<ImportService>();
        for (var i = 0; i < tasks; i++)
            Assert.Equal(ImportOutcome.Imported, (await import.ImportAsync(id!.Value, $"o{i}.png", new MemoryStream(TestImages.Png(64, 48, 7000 + 100 * name.Length + i)))).Outcome);
        await using var db = app.Db();
        var project = await db.Projects.SingleAsync(p => p.Id == id);
        project.Quality.OverlapMode = mode;
        project.Quality.OverlapReplicas = replicas;
        project.Quality.ConsensusAgreementThreshold = threshold;
        project.Quality.OverlapDeadlineHours = 2;
        project.Quality.ReviewBaseRate = 0;   // replicas are never sampled anyway; ordinary work is not under test here
        Assert.Empty(project.Quality.Problems());
        await db.SaveChangesAsync();
        return id!.Value;
    }

    private async Task<int> ClassId(int project, string name)
    {
        await using var db = app.Db();
        return await db.LabelClasses.Where(c => c.ProjectId == project && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    /// <summary>The labeler draws one box per line (with its class and text) in their replica and submits.</summary>
    private async Task SubmitAsync(int copy, string labeler, params (double X, int ClassId, string Text)[] lines)
    {
        var labeling = app.Get<LabelingService>();
        var regions = lines.Select(l => new RegionData(Guid.NewGuid(), GeometryKind.Box, l.ClassId,
            [new(l.X, 5), new(l.X + 20, 15)], l.Text, Provenance.Labeler(labeler))).ToList();
        var saved = await labeling.SaveDraftAsync(copy, labeler, regions, []);
        Assert.True(saved.Ok, saved.Error);
        var submitted = await labeling.SubmitAsync(copy, labeler);
        Assert.True(submitted.Ok, string.Join("; ", submitted.Problems));
    }

    [Fact]
    public async Task EachReplicaGoesToADifferentLabeler_AndNeverTwiceToOne()
    {
        var project = await OverlapProject("overlap-lease", 1, 3);
        var labeling = app.Get<LabelingService>();
        var a = await labeling.LeaseNextAsync(project, "ann");
        var b = await labeling.LeaseNextAsync(project, "bob");
        var c = await labeling.LeaseNextAsync(project, "cat");
        Assert.NotNull(a); Assert.NotNull(b); Assert.NotNull(c);
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.Null(await labeling.LeaseNextAsync(project, "dan"));      // three replicas taken, and no other task
        Assert.Equal(a, await labeling.LeaseNextAsync(project, "ann"));  // ann resumes her own replica

        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.ProjectId == project && t.ReplicaOfTaskId == null);
            Assert.Equal(3, task.ReplicasWanted);
            Assert.Equal(LabelTaskStatus.Ready, task.Status);   // the task itself is never leased
            var copies = await db.Tasks.Where(t => t.ReplicaOfTaskId == task.Id).ToListAsync();
            Assert.Equal(["ann", "bob", "cat"], copies.Select(x => x.ReplicaLabelerId).Order());
            Assert.All(copies, x => Assert.Equal(task.ImageSha256, x.ImageSha256));
        }

        // Ann hands hers back: the place goes to someone new, never to Ann again.
        Assert.Null(await labeling.ReleaseAsync(a!.Value, "ann"));
        Assert.Null(await labeling.LeaseNextAsync(project, "ann"));
        var d = await labeling.LeaseNextAsync(project, "dan");
        Assert.NotNull(d);
        Assert.NotEqual(a, d);
    }

    [Fact]
    public async Task ConcurrentLeases_NeverMakeMoreThanKReplicas()
    {
        var project = await OverlapProject("overlap-race", 2, 3);
        var labeling = app.Get<LabelingService>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leases = Enumerable.Range(0, 10).Select(i => Task.Run(async () => { await start.Task; return await labeling.LeaseNextAsync(project, $"racer-{i}"); })).ToList();
        start.SetResult();
        var got = await Task.WhenAll(leases);

        await using var db = app.Db();
        var copies = await db.Tasks.Where(t => t.ProjectId == project && t.ReplicaOfTaskId != null).ToListAsync();
        Assert.Equal(6, copies.Count);                                   // two tasks, three replicas each
        Assert.All(copies.GroupBy(x => x.ReplicaOfTaskId), g => Assert.Equal(3, g.Select(x => x.ReplicaLabelerId).Distinct().Count()));
        Assert.Equal(6, got.Count(x => x is not null));
        Assert.Equal(6, got.Where(x => x is not null).Distinct().Count());
    }

    [Fact]
    public async Task ThreeTypoedReplicas_MergeIntoTheRightLine_AndAgreedWorkCompletes()
    {
        var project = await OverlapProject("overlap-merge", 1, 3, threshold: 0.5);
        var text = await ClassId(project, "Text");
        await using (var db = app.Db())
        {
            db.Webhooks.Add(new Webhook { ProjectId = project, Url = "https://receiver.invalid/hook", CreatedBy = "lead", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var labeling = app.Get<LabelingService>();
        var copies = new List<int>();
        foreach (var who in new[] { "ann", "bob", "cat" }) copies.Add((await labeling.LeaseNextAsync(project, who))!.Value);
        await SubmitAsync(copies[0], "ann", (5, text, "total due 42.50"));
        await SubmitAsync(copies[1], "bob", (6, text, "total due 42.5O"));

        await using (var db = app.Db())   // two of three in: nothing merged yet
            Assert.False(await db.ConsensusResults.AnyAsync(r => r.ProjectId == project));
        await SubmitAsync(copies[2], "cat", (5, text, "totl due 42.50"));

        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.ProjectId == project && t.ReplicaOfTaskId == null);
            var result = await db.ConsensusResults.SingleAsync(r => r.TaskId == task.Id);
            var merged = await db.Revisions.SingleAsync(r => r.TaskId == task.Id && r.Number == result.RevisionNumber);
            Assert.Equal("total due 42.50", Assert.Single(merged.Regions).Transcription);
            Assert.Equal(ConsensusService.MergeAuthor, merged.SubmittedBy);
            Assert.Equal(LabelTaskStatus.Accepted, task.Status);   // every word has a majority over the threshold of 0.5
            Assert.False(result.Disputed);
            Assert.Equal(3, result.Replicas);
            var details = ConsensusDetails.FromJson(result.Details);
            Assert.Equal(["ann", "bob", "cat"], details.Replicas.Select(r => r.LabelerId).Order());
            Assert.Equal(1.0, details.Replicas.Single(r => r.LabelerId == "ann").Agreement);
            Assert.Equal(0.0, details.Replicas.Single(r => r.LabelerId == "bob").Agreement);   // his text differs from the merge
            var words = Assert.Single(details.Regions).Words;
            Assert.Equal(["total", "due", "42.50"], words.Select(w => w.Word));
            Assert.Equal(2 / 3.0, words[0].Agreement, 6);

            // The webhook announces the merged task (never a replica) with the merge's agreement and its words'.
            var delivery = Assert.Single(await db.WebhookDeliveries.Where(w => w.ProjectId == project).ToListAsync());
            Assert.Equal(task.Id, delivery.TaskId);
            using var payload = JsonDocument.Parse(delivery.Payload);
            Assert.Equal("total due 42.50", payload.RootElement.GetProperty("regions")[0].GetProperty("transcription").GetString());
            var consensus = payload.RootElement.GetProperty("consensus");
            Assert.Equal(3, consensus.GetProperty("replicas").GetInt32());
            Assert.Equal(result.Agreement, consensus.GetProperty("agreement").GetDouble(), 3);
            Assert.Equal("total", consensus.GetProperty("regions")[0].GetProperty("words")[0].GetProperty("word").GetString());
            Assert.Equal(JsonValueKind.Null, consensus.GetProperty("labelers")[0].GetProperty("regions").ValueKind);
        }

        // The JSONL export carries the merge with every replica's own regions; replicas are not lines of their own.
        var source = await DbExportSource.OpenAsync(app.Get<IDbContextFactory<WorkbenchDb>>(), app.Get<BlobStore>(), project,
            new ExportOptions(ExportFormat.Jsonl), CancellationToken.None);
        using var output = new MemoryStream();
        await new JsonlWriter().WriteAsync(source, output, new Progress<int>(), CancellationToken.None);
        var line = Assert.Single(System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var exported = JsonDocument.Parse(line);
        var merge = exported.RootElement.GetProperty("consensus");
        var typed = merge.GetProperty("labelers").EnumerateArray()
            .Select(l => l.GetProperty("regions")[0].GetProperty("transcription").GetString()).Order().ToList();
        Assert.Equal(["total due 42.50", "total due 42.5O", "totl due 42.50"], typed);
        Assert.Equal(0.6667, merge.GetProperty("regions")[0].GetProperty("words")[0].GetProperty("agreement").GetDouble(), 4);
    }

    [Fact]
    public async Task ReplicasThatDisagreeOnAClass_GoToAReviewerWhoDidNotLabelIt()
    {
        var project = await OverlapProject("overlap-dispute", 1, 3);
        var (text, price) = (await ClassId(project, "Text"), await ClassId(project, "Price"));
        var labeling = app.Get<LabelingService>();
        var copies = new List<int>();
        foreach (var who in new[] { "ann", "bob", "cat" }) copies.Add((await labeling.LeaseNextAsync(project, who))!.Value);
        await SubmitAsync(copies[0], "ann", (5, price, "42.50"), (35, text, "total"));
        await SubmitAsync(copies[1], "bob", (5, text, "42.50"), (35, text, "total"));
        await SubmitAsync(copies[2], "cat", (5, price, "42.50"));

        await using var db = app.Db();
        var task = await db.Tasks.SingleAsync(t => t.ProjectId == project && t.ReplicaOfTaskId == null);
        var result = await db.ConsensusResults.SingleAsync(r => r.TaskId == task.Id);
        Assert.True(result.Disputed);
        Assert.Equal(LabelTaskStatus.InReview, task.Status);
        var merged = (await db.Revisions.SingleAsync(r => r.TaskId == task.Id)).Regions.OrderBy(r => r.Points[0].X).ToList();
        Assert.Equal([price, text], merged.Select(r => r.ClassId));        // weighted vote 2:1 on the price; "total" drawn by two of three
        var details = ConsensusDetails.FromJson(result.Details);
        Assert.Equal(2 / 3.0, details.Regions.Min(r => r.ClassAgreement), 6);
        Assert.Equal([2, 3], details.Regions.Select(r => r.Support).Order());
        // Replicas are not the customer's data: not completed, not in the project's counts.
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(w => w.ProjectId == project));
    }

    [Fact]
    public async Task PastTheDeadline_TheReplicasThatCameInAreMerged_AndTheUnfinishedOneEnds()
    {
        var project = await OverlapProject("overlap-deadline", 1, 3, threshold: 0);
        var text = await ClassId(project, "Text");
        var labeling = app.Get<LabelingService>();
        var ann = (await labeling.LeaseNextAsync(project, "ann"))!.Value;
        var bob = (await labeling.LeaseNextAsync(project, "bob"))!.Value;
        await SubmitAsync(ann, "ann", (5, text, "net 12"));
        var consensus = app.Get<ConsensusService>();
        Assert.Equal(0, await consensus.SweepDeadlinesAsync());           // not yet due

        app.Clock.Advance(TimeSpan.FromHours(2.5));
        Assert.Equal(1, await consensus.SweepDeadlinesAsync());
        Assert.Equal(0, await consensus.SweepDeadlinesAsync());           // once only

        await using var db = app.Db();
        var task = await db.Tasks.SingleAsync(t => t.ProjectId == project && t.ReplicaOfTaskId == null);
        var result = await db.ConsensusResults.SingleAsync(r => r.TaskId == task.Id);
        Assert.Equal(1, result.Replicas);
        // One labeler alone is no consensus (under a quorum of the three wanted): a reviewer looks, whatever the threshold.
        Assert.True(result.Disputed);
        Assert.Equal(LabelTaskStatus.InReview, task.Status);
        Assert.Equal("net 12", Assert.Single((await db.Revisions.SingleAsync(r => r.TaskId == task.Id)).Regions).Transcription);
        var late = await labeling.SaveDraftAsync(bob, "bob", [], []);
        Assert.True(late.LeaseLost);
        Assert.Null(await labeling.LeaseNextAsync(project, "cat"));       // the task is done: no replica for a latecomer
    }

    [Fact]
    public async Task WithOverlapOff_TasksAreLeasedAsBefore()
    {
        var project = await OverlapProject("overlap-off", 1, 3, mode: OverlapMode.Off);
        var labeling = app.Get<LabelingService>();
        var id = await labeling.LeaseNextAsync(project, "ann");
        await using var db = app.Db();
        var task = await db.Tasks.SingleAsync(t => t.Id == id);
        Assert.Null(task.ReplicaOfTaskId);
        Assert.Equal(0, task.ReplicasWanted);
    }
}
