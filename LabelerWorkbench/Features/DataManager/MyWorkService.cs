using System.Text.Json;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.DataManager;

public enum MyWorkState { Submitted, InReview, Returned, Reworking, Accepted, BackInQueue, WaitingForOthers, Merged }

/// <summary>A reviewer's verdict on the labeler's work, with the fixes they tagged.</summary>
public sealed record ReviewOfMine(string ReviewerName, ReviewVerdict Verdict, DateTime At, string Comment, IReadOnlyList<ReviewFix> Fixes);

public sealed record MyWorkRow(int TaskId, string ProjectName, string FileName, MyWorkState State, DateTime SubmittedAt, ReviewOfMine? Review);

/// <summary>Where one task sits in the labeler's list, for previous / next.</summary>
public sealed record MyWorkPosition(int Index, int Total, int? Previous, int? Next);

/// <summary>
/// A labeler's own submitted work, newest submission first: where each task stands and what review found. The
/// list is ordered in the database and paged; previous / next walk the same order.
/// </summary>
public sealed class MyWorkService(IDbContextFactory<WorkbenchDb> dbFactory)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static IQueryable<int> Ordered(WorkbenchDb db, string userId) =>
        db.Revisions.Where(r => r.SubmittedBy == userId)
            // Only tasks of projects the labeler still belongs to.
            .Where(r => db.Tasks.Any(t => t.Id == r.TaskId && db.ProjectMembers.Any(m => m.ProjectId == t.ProjectId && m.UserId == userId)))
            .GroupBy(r => r.TaskId)
            .Select(g => new { TaskId = g.Key, Last = g.Max(r => r.SubmittedAt) })
            .OrderByDescending(x => x.Last).ThenByDescending(x => x.TaskId).Select(x => x.TaskId);

    public async Task<(IReadOnlyList<MyWorkRow> Rows, int Total)> PageAsync(string userId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Ordered(db, userId).CountAsync(ct);
        var ids = await Ordered(db, userId).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new
            {
                t.Id, t.FileName, t.Status, t.LeasedBy, t.ReplicaOfTaskId,
                // A replica's own status ends at "submitted"; where the overlap task stands is what the labeler wants to know.
                Merged = db.ConsensusResults.Any(c => c.TaskId == t.ReplicaOfTaskId),
                Project = db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).First(),
                Submitted = db.Revisions.Where(r => r.TaskId == t.Id && r.SubmittedBy == userId).Max(r => r.SubmittedAt),
            }).ToDictionaryAsync(t => t.Id, ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.TaskId) && r.LabelerId == userId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(ct);
        var reviewerIds = reviews.Select(r => r.ReviewerId).Distinct().ToList();
        var names = await db.Users.Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var latest = reviews.GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.First());
        // A replica's work was reviewed as part of its task's merge: that review is the labeler's news too.
        var parents = tasks.Values.Where(t => t.ReplicaOfTaskId is not null).ToDictionary(t => t.Id, t => t.ReplicaOfTaskId!.Value);
        var parentIds = parents.Values.Distinct().ToList();
        var mergeReviews = parentIds.Count == 0 ? [] : await db.Reviews.AsNoTracking().Where(r => parentIds.Contains(r.TaskId))
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(ct);
        foreach (var (replica, parent) in parents)
            if (!latest.ContainsKey(replica) && mergeReviews.FirstOrDefault(r => r.TaskId == parent) is { } review) latest[replica] = review;
        var moreReviewers = mergeReviews.Select(r => r.ReviewerId).Except(names.Keys).Distinct().ToList();
        foreach (var (id, name) in await db.Users.Where(u => moreReviewers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct))
            names[id] = name;
        var rows = ids.Where(tasks.ContainsKey).Select(id =>
        {
            var t = tasks[id];
            var review = latest.GetValueOrDefault(id) is { } r
                ? new ReviewOfMine(names.GetValueOrDefault(r.ReviewerId, "a reviewer"), r.Verdict, r.At, r.Comment,
                    JsonSerializer.Deserialize<List<ReviewFix>>(r.Fixes, Json) ?? [])
                : null;
            var state = t.ReplicaOfTaskId is null ? StateOf(t.Status, t.LeasedBy == userId)
                : t.Merged ? MyWorkState.Merged : t.Status == LabelTaskStatus.Accepted ? MyWorkState.WaitingForOthers : StateOf(t.Status, t.LeasedBy == userId);
            return new MyWorkRow(id, t.Project, t.FileName, state, t.Submitted, review);
        }).ToList();
        return (rows, total);
    }

    /// <summary>The latest review of the labeler's work on one task, or null.</summary>
    public async Task<ReviewOfMine?> LatestReviewAsync(string userId, int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reviews.AsNoTracking().Where(r => r.TaskId == taskId && r.LabelerId == userId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        var reviewer = await db.Users.Where(u => u.Id == r.ReviewerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return new ReviewOfMine(reviewer ?? "a reviewer", r.Verdict, r.At, r.Comment, JsonSerializer.Deserialize<List<ReviewFix>>(r.Fixes, Json) ?? []);
    }

    public async Task<MyWorkPosition?> PositionAsync(string userId, int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Ids only: a labeler's whole list of ints is small even after years of work.
        var ids = await Ordered(db, userId).ToListAsync(ct);
        var i = ids.IndexOf(taskId);
        if (i < 0) return null;
        return new MyWorkPosition(i, ids.Count, i > 0 ? ids[i - 1] : null, i + 1 < ids.Count ? ids[i + 1] : null);
    }

    static MyWorkState StateOf(LabelTaskStatus status, bool heldByMe) => status switch
    {
        LabelTaskStatus.Submitted => MyWorkState.Submitted,
        LabelTaskStatus.InReview => MyWorkState.InReview,
        LabelTaskStatus.Returned => MyWorkState.Returned,
        LabelTaskStatus.Accepted => MyWorkState.Accepted,
        LabelTaskStatus.Leased when heldByMe => MyWorkState.Reworking,
        _ => MyWorkState.BackInQueue,
    };

    public static string Describe(MyWorkState s) => s switch
    {
        MyWorkState.InReview => "in review",
        MyWorkState.Reworking => "returned, you are on it",
        MyWorkState.BackInQueue => "back in the queue",
        MyWorkState.WaitingForOthers => "waiting for the other labelers",
        MyWorkState.Merged => "merged with the others' work",
        _ => s.ToString().ToLowerInvariant(),
    };
}
