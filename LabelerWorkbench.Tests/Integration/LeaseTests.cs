using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

public class LeaseTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    private async Task<int> ProjectWithTasks(string name, int count)
    {
        var (id, problems) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = name,
            Classes = [new() { Name = "Text", Hotkey = "1" }],
        });
        Assert.Empty(problems);
        var import = app.Get<ImportService>();
        for (var i = 0; i < count; i++)
        {
            var result = await import.ImportAsync(id!.Value, $"img{i}.png", new MemoryStream(TestImages.Png(32, 32, 1000 * name.Length + i)));
            Assert.Equal(ImportOutcome.Imported, result.Outcome);
        }
        return id!.Value;
    }

    /// <summary>Every user's lease request released at the same moment; the answers in the users' order.</summary>
    private async Task<int?[]> LeaseAtOnceAsync(int project, IEnumerable<string> users)
    {
        var labeling = app.Get<LabelingService>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = users.Select(user => Task.Run(async () =>
        {
            await start.Task;
            return await labeling.LeaseNextAsync(project, user);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(requests);
    }

    [Fact]
    public async Task Lease_IsExclusive_UnderConcurrentRequests()
    {
        var project = await ProjectWithTasks("concurrency", 25);
        var leased = await LeaseAtOnceAsync(project, Enumerable.Range(0, 20).Select(i => $"labeler-{i}"));

        Assert.All(leased, id => Assert.NotNull(id));
        Assert.Equal(20, leased.Distinct().Count());
        await using var db = app.Db();
        var holders = await db.Tasks.Where(t => t.ProjectId == project && t.Status == LabelTaskStatus.Leased)
            .Select(t => t.LeasedBy).ToListAsync();
        Assert.Equal(20, holders.Distinct().Count());
    }

    [Fact]
    public async Task AWholeTeamLeasingAtOnce_EachGetsItsOwnTask_AndTheOldestGoFirst()
    {
        // A shift starting: everyone asks for the same oldest task at the same moment; the losers spread out.
        var project = await ProjectWithTasks("shift start", 90);
        var leased = await LeaseAtOnceAsync(project, Enumerable.Range(0, 60).Select(i => $"shift-labeler-{i}"));

        Assert.All(leased, id => Assert.NotNull(id));
        Assert.Equal(60, leased.Distinct().Count());
        await using var db = app.Db();
        var ids = await db.Tasks.Where(t => t.ProjectId == project).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        // Oldest-first up to the spread: the very oldest task is always taken, and nothing past the retry window.
        Assert.Contains(ids[0], leased);
        Assert.All(leased, id => Assert.True(ids.IndexOf(id!.Value) < QueuePick.MaxSpread));
    }

    [Fact]
    public async Task OneLabelerAskingFromSeveralTabsAtOnce_HoldsOneTask()
    {
        // Tabs or a retrying client: every answer names the same task, and no second task is tied up on the way.
        // Other labelers taking the oldest tasks at the same moment make the tabs lose races and pick again.
        var project = await ProjectWithTasks("many tabs", 40);
        var users = Enumerable.Range(0, 12).SelectMany(i => new[] { "tabby-labeler", $"other-labeler-{i}" }).ToList();
        var answers = (await LeaseAtOnceAsync(project, users)).Zip(users).ToList();

        var held = Assert.Single(answers.Where(a => a.Second == "tabby-labeler").Select(a => a.First).Distinct());
        await using var db = app.Db();
        var leased = await db.Tasks.Where(t => t.ProjectId == project && t.LeasedBy == "tabby-labeler").Select(t => t.Id).ToListAsync();
        Assert.Equal([held!.Value], leased);
        Assert.DoesNotContain(held, answers.Where(a => a.Second != "tabby-labeler").Select(a => a.First));
    }

    [Fact]
    public async Task OneTaskOpenedManyTimesAtOnce_OpensEveryTime()
    {
        // Each open renews the lease: several tabs racing on the concurrency token must all get the task.
        var labelerId = await app.UserIdAsync(LabelerWorkbench.Features.Demo.DemoSeeder.Users[1]);
        var labeling = app.Get<LabelingService>();
        var taskId = await labeling.LeaseNextAsync(app.DemoProjectId(), labelerId);
        Assert.NotNull(taskId);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opens = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.Task;
            // Time moves between the opens, as it does for real tabs, so each renewal writes a new expiry.
            app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            return await labeling.OpenAsync(taskId!.Value, labelerId);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(opens);
        Assert.All(results, r => Assert.True(r.Session is not null, r.Error));
    }

    [Fact]
    public async Task ExpiredLease_ReturnsTheTaskToTheQueue_AndTheOldHolderCanNoLongerSave()
    {
        var project = await ProjectWithTasks("expiry", 1);
        var labeling = app.Get<LabelingService>();
        var first = await labeling.LeaseNextAsync(project, "ann");
        Assert.NotNull(first);
        Assert.Null(await labeling.LeaseNextAsync(project, "bob"));
        Assert.Equal(first, await labeling.LeaseNextAsync(project, "ann"));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(first, await labeling.LeaseNextAsync(project, "bob"));

        var save = await labeling.SaveDraftAsync(first!.Value, "ann", [], []);
        Assert.False(save.Ok);
        Assert.True(save.LeaseLost);
        Assert.True((await labeling.SaveDraftAsync(first.Value, "bob", [], [])).Ok);
    }

    [Fact]
    public async Task ConcurrentWriters_CannotSilentlyOverwriteATask()
    {
        var project = await ProjectWithTasks("tokens", 1);
        await using var db1 = app.Db();
        await using var db2 = app.Db();
        var a = await db1.Tasks.SingleAsync(t => t.ProjectId == project);
        var b = await db2.Tasks.SingleAsync(t => t.ProjectId == project);
        a.FileName = "first.png";
        await db1.SaveChangesAsync();
        b.FileName = "second.png";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }
}
