using System.Diagnostics;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LabelerWorkbench.Tests.Features.DataManager;

/// <summary>The grid on a project of 20,000 tasks: a page, a sort on a computed column and a filter stay interactive.</summary>
public class TaskGridScaleTests(WorkbenchFactory app, ITestOutputHelper output) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task APage_Of20000Tasks_SortedAndFiltered_ComesBackQuickly()
    {
        var s = await new DataManagerScenario(app).CreateAsync(1);
        await using (var db = app.Db())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss");
            for (var i = 0; i < 20_000; i++)
            {
                var sha = i.ToString("x64");
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Images (Sha256, Width, Height, ByteSize, ContentType, StoredAt) VALUES ({0}, 10, 10, 1, 'image/png', {1})", sha, now);
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Tasks (ProjectId, ImageSha256, FileName, Status, CreatedAt, Version, PreAnnotation, IsGold, ReplicasWanted, LabeledBy) VALUES ({0}, {1}, {2}, {3}, {4}, 0, 0, 0, 0, {5})",
                    s.ProjectId, sha, $"bulk-{i:00000}.png", i % 6, now, i % 2 == 0 ? s.Labeler1 : s.Labeler2);
            }
            await tx.CommitAsync();
        }
        var query = app.Get<TaskGridQuery>();
        await query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 0, 25));
        foreach (var (name, request) in new[]
        {
            ("first page", new TaskPageRequest(new TaskFilter(), 0, 25)),
            ("sorted by last activity, page 400", new TaskPageRequest(new TaskFilter(), 10_000, 25, TaskSort.LastActivity, true)),
            ("sorted by labeler", new TaskPageRequest(new TaskFilter(), 0, 25, TaskSort.Labeler)),
            ("filtered: flagged, accepted", new TaskPageRequest(new TaskFilter { Flagged = false, Status = LabelTaskStatus.Accepted }, 0, 25)),
        })
        {
            var watch = Stopwatch.StartNew();
            var page = await query.PageAsync(s.ProjectId, request);
            output.WriteLine($"{name}: {watch.ElapsedMilliseconds} ms, {page.Total} tasks");
            Assert.Equal(25, page.Rows.Count);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{name} took {watch.ElapsedMilliseconds} ms");
        }
    }
}
