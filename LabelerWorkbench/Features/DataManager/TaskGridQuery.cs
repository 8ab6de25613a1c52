using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.DataManager;

/// <summary>What the lead filters the grid by; null means "any".</summary>
public sealed record TaskFilter
{
    public LabelTaskStatus? Status { get; init; }
    public string? LabelerId { get; init; }
    public string? ReviewerId { get; init; }
    public bool? Gold { get; init; }
    public bool? Flagged { get; init; }
    public bool? HasSuggestions { get; init; }
    public ErrorCode? ErrorType { get; init; }
    /// <summary>Last activity on or after this day (UTC) …</summary>
    public DateTime? ActiveFrom { get; init; }
    /// <summary>… and before the end of this day (UTC).</summary>
    public DateTime? ActiveTo { get; init; }
}

public enum TaskSort { Id, FileName, Status, Labeler, Reviewer, LastActivity, Suggestions }

public sealed record TaskPageRequest(TaskFilter Filter, int Skip, int Take, TaskSort Sort = TaskSort.Id, bool Descending = false);

public sealed record TaskRow(
    int Id, string FileName, string ImageSha256, LabelTaskStatus Status, string? LabelerName, string? ReviewerName,
    bool IsGold, bool IsGoldCopy, bool Flagged, DateTime LastActivity, int Suggestions, IReadOnlyList<ErrorCode> ErrorTypes);

public sealed record TaskPage(IReadOnlyList<TaskRow> Rows, int Total);

/// <summary>
/// The data manager's grid: one page of a project's tasks, filtered and sorted in the database (a project can
/// hold many thousands of tasks; only the page shown is ever loaded).
/// </summary>
public sealed class TaskGridQuery(IDbContextFactory<WorkbenchDb> dbFactory)
{
    public const int MaxPageSize = 200;

    /// <summary>The computed columns, as a member-init shape EF can still filter and sort on.</summary>
    sealed class Shape
    {
        public int Id { get; init; }
        public string FileName { get; init; } = "";
        public string ImageSha256 { get; init; } = "";
        public LabelTaskStatus Status { get; init; }
        public string? LabelerId { get; init; }
        public string? LabelerName { get; init; }
        public string? ReviewerId { get; init; }
        public string? ReviewerName { get; init; }
        public bool IsGold { get; init; }
        public bool IsGoldCopy { get; init; }
        public bool Flagged { get; init; }
        public DateTime LastActivity { get; init; }
        public int Suggestions { get; init; }
    }

    public async Task<TaskPage> PageAsync(int projectId, TaskPageRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var f = request.Filter;
        // Replicas are the labelers' private copies of an overlap task: the task itself stands for them (its merge is its revision).
        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.ReplicaOfTaskId == null);
        if (f.ErrorType is { } code)
            tasks = tasks.Where(t => db.QualityChecks.Any(c => c.TaskId == t.Id &&
                (c.Kind == QualityCheckKind.Review || c.Kind == QualityCheckKind.Gold) &&
                c.Events.Any(e => e.Code == code && e.Errors > 0)));

        var shaped = tasks.Select(t => new
        {
            Task = t,
            // Who the task is with: the holder while leased or returned, otherwise who submitted it.
            Labeler = t.Status == LabelTaskStatus.Leased || t.Status == LabelTaskStatus.Returned ? t.LeasedBy : t.LabeledBy,
            LastReview = db.Reviews.Where(r => r.TaskId == t.Id).Max(r => (DateTime?)r.At),
            LastVerdict = db.Reviews.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .Select(r => (ReviewVerdict?)r.Verdict).FirstOrDefault(),
        }).Select(x => new
        {
            x.Task, x.Labeler, x.LastVerdict,
            // The latest of the task's own times and its last review (SQLite has no GREATEST over nulls).
            Last1 = x.Task.DraftSavedAt > x.Task.CreatedAt ? x.Task.DraftSavedAt!.Value : x.Task.CreatedAt,
            Submitted = x.Task.SubmittedAt ?? x.Task.CreatedAt,
            Leased = x.Task.LeasedAt ?? x.Task.CreatedAt,
            Reviewed = x.LastReview ?? x.Task.CreatedAt,
        }).Select(x => new Shape
        {
            Id = x.Task.Id,
            FileName = x.Task.FileName,
            ImageSha256 = x.Task.ImageSha256,
            Status = x.Task.Status,
            LabelerId = x.Labeler,
            // An overlap task has no one labeler: its progress, then its merge, stand in the column.
            LabelerName = x.Task.ReplicasWanted == 0 ? db.Users.Where(u => u.Id == x.Labeler).Select(u => u.DisplayName).FirstOrDefault()
                : db.ConsensusResults.Any(c => c.TaskId == x.Task.Id) ? "merge of replicas"
                : "overlap: " + db.Tasks.Count(c => c.ReplicaOfTaskId == x.Task.Id && c.Status == LabelTaskStatus.Accepted).ToString() + " of " + x.Task.ReplicasWanted.ToString() + " in",
            ReviewerId = x.Task.ReviewerId,
            ReviewerName = db.Users.Where(u => u.Id == x.Task.ReviewerId).Select(u => u.DisplayName).FirstOrDefault(),
            IsGold = x.Task.IsGold,
            IsGoldCopy = x.Task.GoldSourceTaskId != null,
            // Flagged: the labeler has an open quality flag in this project, or the last review rejected the task.
            Flagged = x.LastVerdict == ReviewVerdict.Rejected ||
                      db.QualityFlags.Any(q => q.ProjectId == projectId && q.LabelerId == x.Labeler && q.ClearedAt == null),
            LastActivity = x.Last1 > x.Submitted
                ? (x.Last1 > x.Leased ? (x.Last1 > x.Reviewed ? x.Last1 : x.Reviewed) : (x.Leased > x.Reviewed ? x.Leased : x.Reviewed))
                : (x.Submitted > x.Leased ? (x.Submitted > x.Reviewed ? x.Submitted : x.Reviewed) : (x.Leased > x.Reviewed ? x.Leased : x.Reviewed)),
            Suggestions = db.Suggestions.Count(s => s.TaskId == x.Task.Id),
        });

        if (f.Status is { } status) shaped = shaped.Where(s => s.Status == status);
        if (f.LabelerId is { } labeler) shaped = shaped.Where(s => s.LabelerId == labeler);
        if (f.ReviewerId is { } reviewer) shaped = shaped.Where(s => s.ReviewerId == reviewer);
        if (f.Gold is { } gold) shaped = shaped.Where(s => (s.IsGold || s.IsGoldCopy) == gold);
        if (f.Flagged is { } flagged) shaped = shaped.Where(s => s.Flagged == flagged);
        if (f.HasSuggestions is { } has) shaped = shaped.Where(s => (s.Suggestions > 0) == has);
        if (f.ActiveFrom is { } from) shaped = shaped.Where(s => s.LastActivity >= from.Date);
        if (f.ActiveTo is { } to) shaped = shaped.Where(s => s.LastActivity < to.Date.AddDays(1));

        var total = await shaped.CountAsync(ct);
        var sorted = (request.Sort, request.Descending) switch
        {
            (TaskSort.FileName, false) => shaped.OrderBy(s => s.FileName),
            (TaskSort.FileName, true) => shaped.OrderByDescending(s => s.FileName),
            (TaskSort.Status, false) => shaped.OrderBy(s => s.Status),
            (TaskSort.Status, true) => shaped.OrderByDescending(s => s.Status),
            (TaskSort.Labeler, false) => shaped.OrderBy(s => s.LabelerName),
            (TaskSort.Labeler, true) => shaped.OrderByDescending(s => s.LabelerName),
            (TaskSort.Reviewer, false) => shaped.OrderBy(s => s.ReviewerName),
            (TaskSort.Reviewer, true) => shaped.OrderByDescending(s => s.ReviewerName),
            (TaskSort.LastActivity, false) => shaped.OrderBy(s => s.LastActivity),
            (TaskSort.LastActivity, true) => shaped.OrderByDescending(s => s.LastActivity),
            (TaskSort.Suggestions, false) => shaped.OrderBy(s => s.Suggestions),
            (TaskSort.Suggestions, true) => shaped.OrderByDescending(s => s.Suggestions),
            (_, true) => shaped.OrderByDescending(s => s.Id),
            _ => shaped.OrderBy(s => s.Id),
        };
        // The id breaks ties, so paging is stable.
        var page = await (request.Descending ? sorted.ThenByDescending(s => s.Id) : sorted.ThenBy(s => s.Id))
            .Skip(Math.Max(0, request.Skip)).Take(Math.Clamp(request.Take, 1, MaxPageSize)).ToListAsync(ct);

        var ids = page.Select(p => p.Id).ToList();
        var errors = await db.QualityEvents.AsNoTracking()
            .Where(e => e.Errors > 0 && (e.Kind == QualityCheckKind.Review || e.Kind == QualityCheckKind.Gold))
            .Join(db.QualityChecks.Where(c => c.TaskId != null && ids.Contains(c.TaskId.Value)), e => e.CheckId, c => c.Id, (e, c) => new { TaskId = c.TaskId!.Value, e.Code })
            .Distinct().ToListAsync(ct);
        var byTask = errors.ToLookup(e => e.TaskId, e => e.Code);

        return new TaskPage(page.Select(s => new TaskRow(s.Id, s.FileName, s.ImageSha256, s.Status, s.LabelerName, s.ReviewerName,
            s.IsGold, s.IsGoldCopy, s.Flagged, s.LastActivity, s.Suggestions, byTask[s.Id].Order().ToList())).ToList(), total);
    }

    /// <summary>The project's people, for the filter and reassign choices.</summary>
    public async Task<ProjectPeople> PeopleAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = await db.ProjectMembers.Where(m => m.ProjectId == projectId).Select(m => m.UserId).ToListAsync(ct);
        var users = await db.Users.Where(u => members.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        var roles = await db.UserRoles.Where(r => members.Contains(r.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        Person P(string id) { var u = users.First(x => x.Id == id); return new Person(u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id); }
        return new ProjectPeople(
            roles.Where(r => r.Name == Roles.Labeler).Select(r => P(r.UserId)).OrderBy(p => p.Name).ToList(),
            roles.Where(r => r.Name == Roles.Reviewer).Select(r => P(r.UserId)).OrderBy(p => p.Name).ToList());
    }
}

public sealed record Person(string Id, string Name);
public sealed record ProjectPeople(IReadOnlyList<Person> Labelers, IReadOnlyList<Person> Reviewers);
