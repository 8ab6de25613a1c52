using LabelerWorkbench.Data;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Features.DataManager;

/// <summary>
/// The data manager's grid query on a real SQLite file: six tasks in every state the flows produce —
/// 0 returned by review (transcription error), 1 accepted in review, 2 leased by the second labeler, 3–5 ready,
/// 5 with a model suggestion.
/// </summary>
public class TaskGridQueryTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    TaskGridQuery Query => app.Get<TaskGridQuery>();

    async Task<DataManagerScenario> ScenarioAsync()
    {
        var s = await new DataManagerScenario(app).CreateAsync(6);
        var t0 = await s.SubmitNextAsync(s.Labeler1);
        var t1 = await s.SubmitNextAsync(s.Labeler1);
        await s.RejectAsync(t0, ErrorCode.TranscriptionError);
        await s.AcceptAsync(t1);
        // Time passes before the second labeler starts: task 2 is the only recent activity.
        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(s.TaskIds[2], await app.Get<LabelerWorkbench.Features.Annotate.LabelingService>().LeaseNextAsync(s.ProjectId, s.Labeler2));
        await using var db = app.Db();
        db.Suggestions.Add(new ModelSuggestion
        {
            Id = Guid.NewGuid(), TaskId = s.TaskIds[5], ModelName = "test", Points = [new(1, 1), new(5, 5)], Kind = GeometryKind.Box,
            Confidence = 0.9, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return s;
    }

    async Task<List<int>> IdsAsync(DataManagerScenario s, TaskFilter filter) =>
        (await Query.PageAsync(s.ProjectId, new TaskPageRequest(filter, 0, 50))).Rows.Select(r => r.Id).ToList();

    [Fact]
    public async Task Pages_AreCountedAndStable_AndOnlyThisProjectsTasks()
    {
        var s = await ScenarioAsync();
        var first = await Query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 0, 4));
        var second = await Query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 4, 4));
        Assert.Equal(6, first.Total);
        Assert.Equal(s.TaskIds[..4], first.Rows.Select(r => r.Id));
        Assert.Equal(s.TaskIds[4..], second.Rows.Select(r => r.Id));
        // A page size beyond the cap is cut to it rather than loading everything.
        Assert.Equal(6, (await Query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 0, 100_000))).Rows.Count);
    }

    [Fact]
    public async Task EachFilter_SelectsTheTasksItDescribes()
    {
        var s = await ScenarioAsync();
        var t = s.TaskIds;
        Assert.Equal(t[3..], await IdsAsync(s, new() { Status = LabelTaskStatus.Ready }));
        Assert.Equal([t[0]], await IdsAsync(s, new() { Status = LabelTaskStatus.Returned }));
        Assert.Equal([t[0], t[1]], await IdsAsync(s, new() { LabelerId = s.Labeler1 }));
        Assert.Equal([t[2]], await IdsAsync(s, new() { LabelerId = s.Labeler2 }));
        Assert.Equal([t[0], t[1]], await IdsAsync(s, new() { ReviewerId = s.ReviewerId }));
        Assert.Equal([t[5]], await IdsAsync(s, new() { HasSuggestions = true }));
        Assert.Equal(5, (await IdsAsync(s, new() { HasSuggestions = false })).Count);
        Assert.Equal([t[0]], await IdsAsync(s, new() { ErrorType = ErrorCode.TranscriptionError }));
        Assert.Empty(await IdsAsync(s, new() { ErrorType = ErrorCode.WrongLabel }));
        // Flagged by the rejection alone; no open quality flag yet.
        Assert.Equal([t[0]], await IdsAsync(s, new() { Flagged = true }));
        Assert.Equal([t[0]], await IdsAsync(s, new() { Flagged = true, Status = LabelTaskStatus.Returned, LabelerId = s.Labeler1 }));

        // An open quality flag of the second labeler flags the task they hold; a cleared one does not count.
        await using (var db = app.Db())
        {
            db.QualityFlags.Add(new QualityFlag { ProjectId = s.ProjectId, LabelerId = s.Labeler2, Code = ErrorCode.LooseGeometry, RaisedAt = DateTime.UtcNow });
            db.QualityFlags.Add(new QualityFlag { ProjectId = s.ProjectId, LabelerId = s.Labeler1, Code = ErrorCode.WrongLabel, RaisedAt = DateTime.UtcNow, ClearedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal([t[0], t[2]], await IdsAsync(s, new() { Flagged = true }));

        // Gold: the accepted task made gold through the bulk action.
        Assert.Equal(1, (await app.Get<TaskBulkActions>().SetGoldAsync(s.ProjectId, [t[1]], true, s.Lead)).Done);
        Assert.Equal([t[1]], await IdsAsync(s, new() { Gold = true }));
        Assert.Equal(5, (await IdsAsync(s, new() { Gold = false })).Count);
    }

    [Fact]
    public async Task DateRange_IsOnLastActivity_WholeDaysInclusive()
    {
        var s = await ScenarioAsync();
        var today = app.Clock.GetUtcNow().UtcDateTime.Date;
        Assert.Equal([s.TaskIds[2]], await IdsAsync(s, new() { ActiveFrom = today, ActiveTo = today }));
        Assert.Equal(5, (await IdsAsync(s, new() { ActiveTo = today.AddDays(-1) })).Count);
        Assert.Empty(await IdsAsync(s, new() { ActiveFrom = today.AddDays(1) }));
    }

    [Fact]
    public async Task Rows_CarryNamesErrorsAndCounts_AndSortByEachColumn()
    {
        var s = await ScenarioAsync();
        var rows = (await Query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 0, 50))).Rows;
        var returned = rows.Single(r => r.Id == s.TaskIds[0]);
        Assert.Equal("Liam Labeler", returned.LabelerName);
        Assert.Equal("Rita Reviewer", returned.ReviewerName);
        Assert.Equal([ErrorCode.TranscriptionError], returned.ErrorTypes);
        Assert.True(returned.Flagged);
        Assert.Equal(1, rows.Single(r => r.Id == s.TaskIds[5]).Suggestions);

        async Task<int> FirstAsync(TaskSort sort, bool desc) =>
            (await Query.PageAsync(s.ProjectId, new TaskPageRequest(new TaskFilter(), 0, 1, sort, desc))).Rows[0].Id;
        Assert.Equal(s.TaskIds[5], await FirstAsync(TaskSort.Id, true));
        Assert.Equal(s.TaskIds[5], await FirstAsync(TaskSort.FileName, true));
        Assert.Equal(s.TaskIds[0], await FirstAsync(TaskSort.FileName, false));
        Assert.Equal(s.TaskIds[2], await FirstAsync(TaskSort.LastActivity, true));
        Assert.Equal(s.TaskIds[5], await FirstAsync(TaskSort.Suggestions, true));
        // "Liam" after "Lara": descending by labeler puts the first labeler's tasks first, ties by id (descending too).
        Assert.Equal(s.TaskIds[1], await FirstAsync(TaskSort.Labeler, true));
        Assert.Equal(s.TaskIds[3], await FirstAsync(TaskSort.Labeler, false)); // tasks with nobody on them come first
        Assert.Equal(s.TaskIds[1], await FirstAsync(TaskSort.Reviewer, true));
        // Status order is the enum's: Returned (5) is the highest.
        Assert.Equal(s.TaskIds[0], await FirstAsync(TaskSort.Status, true));
    }
}
