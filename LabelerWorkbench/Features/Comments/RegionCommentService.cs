using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Comments;

public sealed record RegionCommentView(int Id, Guid RegionId, string AuthorName, bool Mine, string Text, DateTime CreatedAt);

/// <summary>A comment was added on a task; open pages of that task reload its comments.</summary>
public sealed record RegionCommentAdded(int TaskId, Guid RegionId);

/// <summary>
/// Comments on regions, visible to everyone who works on the task: the labeler who holds or submitted it, and the
/// project's reviewers and leads. Anyone else gets the same answer as for a task that does not exist.
/// </summary>
public sealed class RegionCommentService(IDbContextFactory<WorkbenchDb> dbFactory, ProjectAccess access, INotificationHub hub, TimeProvider time)
{
    const string NotFound = "This task does not exist or is not yours.";

    /// <param name="reviews">The user reviews or leads (may see every task of their projects).</param>
    public async Task<(IReadOnlyList<RegionCommentView> Comments, string? Error)> ListAsync(int taskId, string userId, bool reviews, bool isLead, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await MayTakePartAsync(db, taskId, userId, reviews, isLead, ct)) return ([], NotFound);
        var rows = await (from c in db.RegionComments
                          where c.TaskId == taskId
                          join u in db.Users on c.AuthorId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          orderby c.CreatedAt, c.Id
                          select new { c.Id, c.RegionId, c.AuthorId, Name = u == null ? "(removed user)" : u.DisplayName, c.Text, c.CreatedAt }).ToListAsync(ct);
        return (rows.Select(r => new RegionCommentView(r.Id, r.RegionId, r.Name, r.AuthorId == userId, r.Text, r.CreatedAt)).ToList(), null);
    }

    public async Task<string?> AddAsync(int taskId, Guid regionId, string userId, bool reviews, bool isLead, string text, CancellationToken ct = default)
    {
        var clean = RegionCommentRules.Clean(text ?? "");
        if (RegionCommentRules.Check(clean) is { } problem) return problem;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await MayTakePartAsync(db, taskId, userId, reviews, isLead, ct)) return NotFound;
        db.RegionComments.Add(new RegionComment
        {
            TaskId = taskId, RegionId = regionId, AuthorId = userId, Text = clean, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await hub.PublishAsync(new RegionCommentAdded(taskId, regionId));
        return null;
    }

    async Task<bool> MayTakePartAsync(WorkbenchDb db, int taskId, string userId, bool reviews, bool isLead, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.ProjectId, t.LeasedBy }).FirstOrDefaultAsync(ct);
        if (task is null || !await access.CanOpenAsync(userId, isLead, task.ProjectId, ct)) return false;
        return reviews || task.LeasedBy == userId || await db.Revisions.AnyAsync(r => r.TaskId == taskId && r.SubmittedBy == userId, ct);
    }
}
