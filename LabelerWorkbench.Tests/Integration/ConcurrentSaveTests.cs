using System.Net;
using System.Net.Http.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>The lease holder's own requests racing on one task, as two tabs or a retrying script would send them.</summary>
public sealed class ConcurrentSaveTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task ParallelDraftSavesAndReads_OnOneTask_AllSucceedOrAnswer409_NeverA500()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var lease = await (await labeler.PostAsync($"/api/projects/{app.DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>();
        var taskId = lease!.TaskId;
        var shared = Guid.NewGuid();
        object Region(Guid id, double x) => new { id, kind = "box", classId = (int?)null, points = new[] { new[] { x, 10.0 }, new[] { x + 20, 40.0 } }, transcription = "t" };

        // Each request saves a new region and moves one region every request shares; reads renew the lease too.
        var mine = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToList();
        var requests = mine.Select((id, i) => i % 4 == 3
            ? labeler.GetAsync($"/api/tasks/{taskId}/draft")
            : labeler.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new { upserts = new[] { Region(id, 5 + i), Region(shared, 30 + i) } }));
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Conflict,
            $"{r.RequestMessage!.Method} answered {(int)r.StatusCode}: {r.Content.ReadAsStringAsync().Result}"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Contains("at the same moment", await conflict.Content.ReadAsStringAsync());

        // What was acknowledged is stored, once.
        var saved = responses.Select((r, i) => (r, i)).Where(x => x.r.StatusCode == HttpStatusCode.NoContent).Select(x => mine[x.i]).ToList();
        Assert.NotEmpty(saved);
        await using var db = app.Db();
        var stored = await db.DraftRegions.Where(r => r.TaskId == taskId).Select(r => r.Id).ToListAsync();
        Assert.Subset(stored.ToHashSet(), saved.Append(shared).ToHashSet());
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }
}
