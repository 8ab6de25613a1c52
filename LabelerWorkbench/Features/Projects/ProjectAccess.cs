using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Projects;

/// <summary>Who may see which project: leads see all, everyone else the projects they are members of.</summary>
public sealed class ProjectAccess(IDbContextFactory<WorkbenchDb> dbFactory)
{
    public async Task<bool> CanOpenAsync(string userId, bool isLead, int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return isLead
            ? await db.Projects.AnyAsync(p => p.Id == projectId, ct)
            : await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId, ct);
    }

    /// <summary>True when the image belongs to a task of a project the user may open (guards the image endpoint).</summary>
    public async Task<bool> CanSeeImageAsync(string userId, bool isLead, string sha256, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = db.Tasks.Where(t => t.ImageSha256 == sha256).Select(t => t.ProjectId);
        return isLead
            ? await projects.AnyAsync(ct)
            : await db.ProjectMembers.AnyAsync(m => m.UserId == userId && projects.Contains(m.ProjectId), ct);
    }

    public async Task<LabelSchema> SchemaAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var classes = await db.LabelClasses.Where(c => c.ProjectId == projectId)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        return new LabelSchema(classes.Select(c => c.ToInfo()).ToList());
    }
}
