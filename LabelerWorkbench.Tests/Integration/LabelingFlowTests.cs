using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Data;
using LabelerWorkbench.Domain.Regions;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

public class LabelingFlowTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    private static readonly DemoUser Lead = DemoSeeder.Users[0];
    private static readonly DemoUser Labeler = DemoSeeder.Users[1];

    private int DemoProjectId() => app.DemoProjectId();

    private int ClassId(string name)
    {
        using var db = app.Db();
        return db.LabelClasses.Single(c => c.Name == name && c.ProjectId == DemoProjectId()).Id;
    }

    [Fact]
    public async Task Import_Lease_SaveEdits_Submit_FreezesARevision()
    {
        var lead = await app.SignInAsync(Lead);
        using var form = new MultipartFormDataContent();
        var png = TestImages.Png(320, 200, 42);
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(content, "files", "fresh.png");
        var imported = await lead.PostAsync($"/api/projects/{DemoProjectId()}/images", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = Assert.Single((await imported.Content.ReadFromJsonAsync<List<ImportFileResult>>())!);
        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.True(File.Exists(app.Get<BlobStore>().PathOf(sha)), "the image is stored under its SHA-256");

        var labeler = await app.SignInAsync(Labeler);
        var lease = await labeler.PostAsync($"/api/projects/{DemoProjectId()}/lease", null);
        var taskId = (await lease.Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;

        var box = new RegionDto(Guid.NewGuid(), "box", ClassId("Logo"), [[10, 10], [60, 40]], null);
        var polygon = new RegionDto(Guid.NewGuid(), "polygon", ClassId("Text line"), [[20, 50], [120, 50], [120, 80], [20, 80]], "Café <b>&</b> 12");
        var saved = await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([box, polygon], []));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);

        // Edit one region, delete nothing, then read the working copy back.
        var moved = box with { Points = [[12, 12], [62, 42]] };
        Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([moved], []))).StatusCode);
        var draft = (await labeler.GetFromJsonAsync<List<RegionDto>>($"/api/tasks/{taskId}/draft"))!;
        Assert.Equal(2, draft.Count);
        Assert.Equal(12, draft.Single(r => r.Id == box.Id).Points[0][0]);
        Assert.Equal("Café <b>&</b> 12", draft.Single(r => r.Id == polygon.Id).Transcription);

        var submitted = await labeler.PostAsync($"/api/tasks/{taskId}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var answer = (await submitted.Content.ReadFromJsonAsync<SubmitResponse>())!;
        Assert.Equal(1, answer.Revision);
        Assert.NotEqual(taskId, answer.NextTaskId);

        var revisions = (await lead.GetFromJsonAsync<List<RevisionView>>($"/api/tasks/{taskId}/revisions"))!;
        var revision = Assert.Single(revisions);
        Assert.Equal(2, revision.Regions.Count);
        Assert.All(revision.Regions, r => Assert.Equal("labeler", r.Source));
        await using var db = app.Db();
        var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
        // A new labeler's first tasks are all reviewed; the demo's one reviewer gets it.
        Assert.Equal(LabelTaskStatus.InReview, task.Status);
        Assert.Equal(1.0, task.ReviewProbability);
        Assert.Equal((await db.Users.SingleAsync(u => u.Email == DemoSeeder.Users[3].Email)).Id, task.ReviewerId);
        Assert.Null(task.LeasedBy);
    }

    [Fact]
    public async Task Submit_WithMissingTranscription_SaysWhatIsWrong_AndKeepsTheLease()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[2]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        var region = new RegionDto(Guid.NewGuid(), "box", ClassId("Text line"), [[10, 10], [60, 40]], "");
        await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([region], []));

        var response = await labeler.PostAsync($"/api/tasks/{taskId}/submit", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Region 1 (Text line): the transcription is required.", await response.Content.ReadAsStringAsync());
        await using var db = app.Db();
        Assert.Empty(db.Revisions.Where(r => r.TaskId == taskId));
        Assert.Equal(LabelTaskStatus.Leased, (await db.Tasks.SingleAsync(t => t.Id == taskId)).Status);
    }

    [Fact]
    public async Task MalformedOrHostileEdits_AreRefused_AndNothingIsWritten()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        await using var before = app.Db();
        var count = await before.DraftRegions.CountAsync(r => r.TaskId == taskId);

        var outside = new RegionDto(Guid.NewGuid(), "box", ClassId("Logo"), [[10, 10], [99999, 40]], null);
        var good = new RegionDto(Guid.NewGuid(), "box", ClassId("Logo"), [[10, 10], [50, 40]], null);
        var response = await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([good, outside], []));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the image", await response.Content.ReadAsStringAsync());

        var badKind = await labeler.PutAsync($"/api/tasks/{taskId}/draft",
            new StringContent("""{"upserts":[{"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","kind":"circle","points":[[1,1]]}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);

        var notJson = await labeler.PutAsync($"/api/tasks/{taskId}/draft", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        foreach (var body in new[] { "{\"upserts\":[null]}", "{\"deletes\":[null]}", "null", "[]" })
        {
            var odd = await labeler.PutAsync($"/api/tasks/{taskId}/draft", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.True(odd.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)odd.StatusCode}");
        }

        await using var after = app.Db();
        Assert.Equal(count, await after.DraftRegions.CountAsync(r => r.TaskId == taskId));
    }

    [Fact]
    public async Task ATasksPoints_AreBudgetedAcrossSaves_AndEditingARegionInPlaceStillFits()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        await using (var start = app.Db())
        {
            var existing = await start.DraftRegions.Where(r => r.TaskId == taskId).Select(r => r.Id).ToListAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([], existing))).StatusCode);
        }
        // A polygon at the vertex limit, zig-zagging inside the image; each save is well under the request limit.
        static RegionDto Jagged(int classId) => new(Guid.NewGuid(), "polygon", classId,
            [.. Enumerable.Range(0, RegionRules.MaxPolygonVertices).Select(i => new double[] { 5 + i % 100, 5 + (i % 2) * 20 + i / 100 % 3 })], "x");
        var perSave = 10;
        var saves = RegionRules.MaxPointsPerTask / (perSave * RegionRules.MaxPolygonVertices);
        for (var i = 0; i < saves; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft",
                new DraftEdits([.. Enumerable.Range(0, perSave).Select(_ => Jagged(ClassId("Text line")))], []))).StatusCode);

        var over = await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([Jagged(ClassId("Text line"))], []));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("points in all its regions together", await over.Content.ReadAsStringAsync());

        // Replacing a region that is already counted is judged on the new total, not refused for the old one.
        await using var db = app.Db();
        var row = await db.DraftRegions.FirstAsync(r => r.TaskId == taskId);
        Assert.Equal(RegionRules.MaxPolygonVertices, row.PointCount);
        var smaller = new RegionDto(row.Id, "polygon", ClassId("Text line"), [[20, 50], [120, 50], [120, 80]], "y");
        Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([smaller], []))).StatusCode);
        await using var after = app.Db();
        Assert.Equal(RegionRules.MaxPointsPerTask - RegionRules.MaxPolygonVertices + 3, await after.DraftRegions.Where(r => r.TaskId == taskId).SumAsync(r => r.PointCount));
    }

    [Fact]
    public async Task ARegionInsertedMidList_KeepsItsPlaceAfterAReload_AndSubmitNumbersItSo()
    {
        var labelerId = await app.UserIdAsync(DemoSeeder.Users[2]);
        var labeling = app.Get<LabelingService>();
        var taskId = (await labeling.LeaseNextAsync(DemoProjectId(), labelerId))!.Value;
        var doc = new AnnotationDocument((await labeling.OpenAsync(taskId, labelerId)).Session!.Regions);
        foreach (var r in doc.Regions.ToList()) doc.Delete(r.Id);
        RegionData Box(int x) => new(Guid.NewGuid(), GeometryKind.Box, null, [new(x, 10), new(x + 30, 40)], "", Provenance.Labeler(labelerId));
        var (a, b, c) = (Box(10), Box(60), Box(110));
        foreach (var r in new[] { a, b, c }) doc.Upsert(r);
        Assert.Null(doc.TakeOrder()); // appending keeps the order: nothing extra to send
        var (up, del) = doc.TakeUnsaved();
        Assert.True((await labeling.SaveDraftAsync(taskId, labelerId, up, del, doc.TakeOrder())).Ok);

        // A piece goes in right after the first region, as a split puts it.
        var piece = Box(35);
        doc.Apply([(piece.Id, piece)], insertAt: 1);
        var order = doc.TakeOrder();
        Assert.Equal([a.Id, piece.Id, b.Id, c.Id], order);
        (up, del) = doc.TakeUnsaved();
        Assert.True((await labeling.SaveDraftAsync(taskId, labelerId, up, del, order)).Ok);

        var reopened = (await labeling.OpenAsync(taskId, labelerId)).Session!;
        Assert.Equal([a.Id, piece.Id, b.Id, c.Id], reopened.Regions.Select(r => r.Id));
        // Submit's problems name regions by the same numbers the list shows: the piece is region 2.
        var submit = await labeling.SubmitAsync(taskId, labelerId);
        Assert.False(submit.Ok);
        Assert.Contains(submit.Problems, p => p.StartsWith("Region 2:", StringComparison.Ordinal));
        Assert.Contains(submit.Problems, p => p.StartsWith("Region 4:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABoxSentCornersReversed_IsStoredTopLeftFirst()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        var id = Guid.NewGuid();
        var inverted = new RegionDto(id, "box", ClassId("Logo"), [[50, 40], [10, 10]], null);
        Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([inverted], []))).StatusCode);
        await using var db = app.Db();
        var stored = RegionJson.FromRow(await db.DraftRegions.SingleAsync(r => r.Id == id));
        Assert.Equal([new Point2(10, 10), new Point2(50, 40)], stored.Points);
    }

    [Fact]
    public async Task Revisions_CannotBeChangedOrDeleted()
    {
        await using var db = app.Db();
        var task = await db.Tasks.FirstAsync();
        var revision = new TaskRevision { TaskId = task.Id, Number = 99, SubmittedBy = "x", Regions = [] };
        db.Revisions.Add(revision);
        await db.SaveChangesAsync();

        revision.Regions = [new RegionData(Guid.NewGuid(), GeometryKind.Box, null, [new Point2(1, 1), new Point2(5, 5)], "tampered", new Provenance(RegionSource.Labeler, "x"))];
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.Entry(revision).State = EntityState.Deleted;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
