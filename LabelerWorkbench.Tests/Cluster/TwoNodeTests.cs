using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Monitor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LabelerWorkbench.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LabelerWorkbench.Tests.Cluster;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "two nodes";
}

/// <summary>Two app nodes on one PostgreSQL and one Redis: work is shared, nothing is counted twice, nothing is lost when a node dies.</summary>
[Collection(ClusterCollection.Name)]
public class TwoNodeTests(ClusterFixture cluster, ITestOutputHelper output)
{
    sealed record Lease(int TaskId);
    sealed record DraftRegionId(Guid Id);

    [Fact]
    public async Task FortyLabelers_OnTwoNodes_LeaseAtOnce_AndNeverShareATask()
    {
        // Without the models: a task waiting for its suggestions is not leasable yet, and this test is about leases.
        var (projectId, _) = await cluster.ProjectAsync("Forty", 60, preAnnotate: false);
        var labelers = await cluster.LabelersAsync("forty", 40, projectId);
        var clients = await Task.WhenAll(labelers.Select((l, i) => ClusterFixture.SignInAsync(i % 2 == 0 ? cluster.NodeA : cluster.NodeB, l.Email, l.Password)));

        using var start = new SemaphoreSlim(0);
        var leases = clients.Select(async client =>
        {
            await start.WaitAsync();
            var response = await client.PostAsync($"/api/projects/{projectId}/lease", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<Lease>())!.TaskId;
        }).ToList();
        start.Release(clients.Length);
        var taken = await Task.WhenAll(leases);

        Assert.Equal(40, taken.Distinct().Count());
        await using var db = cluster.Db();
        var holders = await db.Tasks.Where(t => taken.Contains(t.Id)).Select(t => t.LeasedBy).ToListAsync();
        Assert.Equal(40, holders.Distinct().Count());
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task ASignInOnOneNode_IsValidOnTheOther()
    {
        var user = DemoSeeder.Users[0];
        // Cookies do not depend on the port: the cookie node A issues goes to node B too, as behind one proxy address.
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var anonymous = await client.GetAsync($"{cluster.NodeB.BaseUrl}/api/projects");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var login = await client.PostAsJsonAsync($"{cluster.NodeA.BaseUrl}/api/auth/login", new { email = user.Email, password = user.Password });
        Assert.True(login.IsSuccessStatusCode);
        // Node B reads node A's cookie: the data-protection keys are shared.
        var projects = await client.GetAsync($"{cluster.NodeB.BaseUrl}/api/projects");
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
    }

    [Fact]
    public async Task ANodeKilledDuringPreAnnotationOfFiftyImages_LeavesEveryImageWithItsSuggestionsExactlyOnce()
    {
        var (projectId, tasks) = await cluster.ProjectAsync("Fifty", 50);
        Assert.Equal(50, tasks.Count);

        // Kill whichever node is working on a job of this project once a few images are done: it dies mid-image.
        var victim = default(LabelerWorkbench.Cli.Cluster.AppNode);
        var watch = Stopwatch.StartNew();
        while (victim is null && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await using var db = cluster.Db();
            var done = await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.PreAnnotation == PreAnnotationState.Done);
            var held = await db.QueuedJobs.Where(j => j.Queue == "preannotate" && tasks.Contains(j.Subject) && j.Holder != null)
                .Select(j => j.Holder).ToListAsync();
            if (done >= 3 && held.Contains(cluster.NodeA.Name)) victim = cluster.NodeA;
            else if (done >= 3 && held.Contains(cluster.NodeB.Name)) victim = cluster.NodeB;
            else await Task.Delay(50);
        }
        Assert.NotNull(victim);
        victim.Kill();
        output.WriteLine($"killed {victim.Name} after {watch.Elapsed.TotalSeconds:F1} s");

        // The survivor takes over the dead node's job when its lease runs out, and finishes the queue.
        List<LabelTask> finished = [];
        while (watch.Elapsed < TimeSpan.FromMinutes(6))
        {
            await using var db = cluster.Db();
            finished = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync();
            if (finished.All(t => t.PreAnnotation is PreAnnotationState.Done or PreAnnotationState.Failed)) break;
            await Task.Delay(250);
        }
        await cluster.ReplaceAsync(victim, victim.Name + "-again");

        Assert.All(finished, t => Assert.True(t.PreAnnotation == PreAnnotationState.Done && t.PreAnnotationError is null,
            $"task {t.Id}: {t.PreAnnotation} {t.PreAnnotationError}"));
        await using var check = cluster.Db();
        Assert.Equal(0, await check.QueuedJobs.CountAsync(j => tasks.Contains(j.Subject) && j.Queue == "preannotate"));
        var suggestions = await check.Suggestions.AsNoTracking().Where(s => tasks.Contains(s.TaskId)).ToListAsync();
        var drafts = await check.DraftRegions.AsNoTracking().Where(d => tasks.Contains(d.TaskId)).GroupBy(d => d.TaskId)
            .Select(g => new { Task = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Task, x => x.Count);
        foreach (var task in tasks)
        {
            var mine = suggestions.Where(s => s.TaskId == task).ToList();
            Assert.True(mine.Count > 0, $"task {task} got no suggestions");
            // Run twice, the models would have stored every region twice: same text, same place.
            var distinct = mine.Select(s => (s.Text, string.Join(';', s.Points.Select(p => $"{p.X:F1},{p.Y:F1}")))).Distinct().Count();
            Assert.True(distinct == mine.Count, $"task {task}: {mine.Count} suggestions, {distinct} distinct");
            Assert.Equal(mine.Count, drafts.GetValueOrDefault(task));
        }
    }

    [Fact]
    public async Task AFlagFromAGoldCheckSubmittedOnOneNode_PushesTrainingIntoTheLabelersPageOnTheOther()
    {
        var demo = await DemoProjectAsync();
        var labeler = (await cluster.LabelersAsync("pushed", 1, demo))[0];

        // The labeler's page (their Blazor circuit) is on node B, in Chromium.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { BaseURL = cluster.NodeB.BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", labeler.Email);
        await page.FillAsync("#password", labeler.Password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();
        var goldCopy = await PageGestures.StartLabelingAsync(page);
        await page.EvaluateAsync("() => window.__samePage = true");

        // The same task is submitted, poorly, on node A over its API (the lease is the labeler's, whichever node serves them).
        using var onA = await ClusterFixture.SignInAsync(cluster.NodeA, labeler.Email, labeler.Password);
        Assert.Equal(goldCopy, await SubmitEmptyGoldAsync(onA, demo));
        var answered = Stopwatch.StartNew();

        var reason = page.Locator("[data-testid=training-reason]");
        await reason.WaitForAsync(new() { Timeout = 15_000 });
        var latency = answered.Elapsed;
        await Assertions.Expect(reason).ToContainTextAsync("missed_region");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the dialog arrived without a reload");
        output.WriteLine($"the training dialog showed on node B {latency.TotalMilliseconds:F0} ms after node A answered the submit");
    }

    [Fact]
    public async Task TheMonitorsNodeKilledMidStream_NoFlagIsRaisedTwice_AndNoneIsLost()
    {
        var demo = await DemoProjectAsync();
        var labelers = await cluster.LabelersAsync("stream", 12, demo);
        var holder = await MonitorHolderAsync();
        var survivor = holder == cluster.NodeA.Name ? cluster.NodeB : cluster.NodeA;
        var victim = holder == cluster.NodeA.Name ? cluster.NodeA : cluster.NodeB;

        // Every labeler's empty gold submission is one check that raises one flag. Kill the monitor's node after a few.
        var submitted = 0;
        foreach (var labeler in labelers)
        {
            using var client = await ClusterFixture.SignInAsync(survivor, labeler.Email, labeler.Password);
            await SubmitEmptyGoldAsync(client, demo);
            if (++submitted == 4) victim.Kill();
        }

        var ids = new List<string>();
        foreach (var l in labelers) ids.Add(await UserIdAsync(l.Email));
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await using var db = cluster.Db();
            if (await db.QualityChecks.CountAsync(c => ids.Contains(c.SubjectId) && c.MonitoredAt != null) == labelers.Count) break;
            await Task.Delay(250);
        }
        await cluster.ReplaceAsync(victim, victim.Name + "-back");

        await using var check = cluster.Db();
        Assert.Equal(labelers.Count, await check.QualityChecks.CountAsync(c => ids.Contains(c.SubjectId) && c.MonitoredAt != null));
        var flags = await check.QualityFlags.Where(f => ids.Contains(f.LabelerId) && f.Code == ErrorCode.MissedRegion).ToListAsync();
        var assignments = await check.TrainingAssignments.Where(a => ids.Contains(a.LabelerId)).ToListAsync();
        foreach (var id in ids)
        {
            Assert.Equal(1, flags.Count(f => f.LabelerId == id));
            Assert.Equal(1, assignments.Count(a => a.LabelerId == id));
        }
        Assert.NotEqual(holder, await MonitorHolderAsync());
    }

    async Task<int> DemoProjectAsync()
    {
        await using var scope = cluster.Control.Services.CreateAsyncScope();
        var overview = scope.ServiceProvider.GetRequiredService<QualityOverview>();
        await using var db = cluster.Db();
        var id = await db.Projects.Where(p => p.Name == DemoSeeder.ProjectName).Select(p => p.Id).SingleAsync();
        // Every lease a gold copy, and one empty gold page is enough evidence for a flag (a lead piloting on tiny pages).
        var settings = await overview.SettingsAsync(id);
        settings.GoldRate = 1;
        settings.MinOpportunities = 3;
        settings.FlagEvidence = 3;
        Assert.Empty(await overview.SaveSettingsAsync(id, settings));
        return id;
    }

    static async Task<int> SubmitEmptyGoldAsync(HttpClient client, int projectId)
    {
        var lease = await client.PostAsync($"/api/projects/{projectId}/lease", null);
        Assert.Equal(HttpStatusCode.OK, lease.StatusCode);
        var taskId = (await lease.Content.ReadFromJsonAsync<Lease>())!.TaskId;
        // Poor work: every suggestion deleted, nothing drawn.
        var regions = await client.GetFromJsonAsync<List<DraftRegionId>>($"/api/tasks/{taskId}/draft");
        if (regions is { Count: > 0 })
        {
            var deleted = await client.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new { upserts = Array.Empty<object>(), deletes = regions.Select(r => r.Id) });
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        }
        var submit = await client.PostAsync($"/api/tasks/{taskId}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return taskId;
    }

    async Task<string> UserIdAsync(string email)
    {
        await using var db = cluster.Db();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    async Task<string?> MonitorHolderAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var db = cluster.Db();
            var lease = await db.ServiceLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == QualityMonitor.Role);
            if (lease is not null && lease.ExpiresAt > DateTime.UtcNow) return lease.Holder;
            await Task.Delay(200);
        }
        return null;
    }
}
