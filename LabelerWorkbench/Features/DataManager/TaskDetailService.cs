using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.DataManager;

public sealed record RevisionInfo(int Number, string SubmittedBy, DateTime SubmittedAt, IReadOnlyList<RegionData> Regions);

/// <summary>A task as the read-only detail shows it: the image, its classes and every frozen revision.</summary>
public sealed record TaskDetail(
    int TaskId, int ProjectId, string FileName, string ImageSha256, int Width, int Height, LabelTaskStatus Status,
    IReadOnlyDictionary<int, LabelClassInfo> Classes, IReadOnlyList<RevisionInfo> Revisions, IReadOnlyDictionary<string, string> Names);

/// <summary>Reads a task for the detail view: any task of the project for a lead; for a labeler, only work they submitted.</summary>
public sealed class TaskDetailService(IDbContextFactory<WorkbenchDb> dbFactory)
{
    public async Task<TaskDetail?> OpenAsync(int taskId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().Include(t => t.Image).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return null;
        // A labeler sees work they submitted in a project they still belong to; anything else reads as missing.
        if (!actor.IsLead &&
            !(await db.Revisions.AnyAsync(r => r.TaskId == taskId && r.SubmittedBy == actor.UserId, ct) &&
              await db.ProjectMembers.AnyAsync(m => m.ProjectId == task.ProjectId && m.UserId == actor.UserId, ct)))
            return null;
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Number).ToListAsync(ct);
        var classes = await db.LabelClasses.AsNoTracking().Where(c => c.ProjectId == task.ProjectId).ToListAsync(ct);
        var people = revisions.Select(r => r.SubmittedBy)
            .Concat(revisions.SelectMany(r => r.Regions).Select(r => r.Provenance.CreatedBy).OfType<string>()).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        if (people.Contains(Consensus.ConsensusService.MergeAuthor)) names[Consensus.ConsensusService.MergeAuthor] = "the merge of the labelers' replicas";
        return new TaskDetail(task.Id, task.ProjectId, task.FileName, task.ImageSha256, task.Image!.Width, task.Image.Height, task.Status,
            classes.ToDictionary(c => c.Id, c => c.ToInfo()),
            revisions.Select(r => new RevisionInfo(r.Number, r.SubmittedBy, r.SubmittedAt, r.Regions)).ToList(), names);
    }
}
