using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Projects;

/// <param name="Ready">Ready tasks a labeler may take now.</param>
/// <param name="WaitingForModels">Ready tasks still queued for the models' suggestions (not handed out until read).</param>
public sealed record ProjectSummary(int Id, string Name, int Tasks, int Ready, int InProgress, int Submitted, int WaitingForModels = 0);

public sealed record PersonInfo(string Id, string Email, string DisplayName, string Role);

/// <summary>What the lead edits on the project page.</summary>
public sealed class ProjectEditModel
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Instructions { get; set; } = "";
    public List<LabelClassInput> Classes { get; set; } = [];
    public HashSet<string> MemberIds { get; set; } = [];
    public bool PreAnnotate { get; set; } = true;
    public string? DetectionModel { get; set; }
    public string? RecognitionModel { get; set; }
    public string? BoxModel { get; set; }
}

/// <summary>Project setup for leads: create, edit the label schema and instructions, choose members.</summary>
public sealed class ProjectAdminService(IDbContextFactory<WorkbenchDb> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(string userId, bool isLead, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = db.Projects.AsNoTracking();
        if (!isLead) projects = projects.Where(p => p.Members.Any(m => m.UserId == userId));
        // Labelers' private gold copies are quality checks, not work on the project's images.
        var tasks = db.Tasks.Where(t => t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null);
        return await projects.OrderBy(p => p.Name).Select(p => new ProjectSummary(
            p.Id, p.Name,
            tasks.Count(t => t.ProjectId == p.Id),
            tasks.Count(t => t.ProjectId == p.Id && t.Status == LabelTaskStatus.Ready && t.PreAnnotation != PreAnnotationState.Queued),
            tasks.Count(t => t.ProjectId == p.Id && (t.Status == LabelTaskStatus.Leased || t.Status == LabelTaskStatus.Returned)),
            tasks.Count(t => t.ProjectId == p.Id && (t.Status == LabelTaskStatus.Submitted || t.Status == LabelTaskStatus.Accepted || t.Status == LabelTaskStatus.InReview)),
            tasks.Count(t => t.ProjectId == p.Id && t.Status == LabelTaskStatus.Ready && t.PreAnnotation == PreAnnotationState.Queued))).ToListAsync(ct);
    }

    public async Task<ProjectEditModel?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Projects.AsNoTracking().Include(x => x.Classes).Include(x => x.Members)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? null : new ProjectEditModel
        {
            Id = p.Id, Name = p.Name, Instructions = p.Instructions,
            Classes = p.Classes.OrderBy(c => c.SortOrder).Select(c => new LabelClassInput
            {
                Id = c.Id, Name = c.Name, Color = c.Color, Hotkey = c.Hotkey, AllowBox = c.AllowBox,
                AllowPolygon = c.AllowPolygon, RequiresTranscription = c.RequiresTranscription,
            }).ToList(),
            MemberIds = p.Members.Select(m => m.UserId).ToHashSet(),
            PreAnnotate = p.PreAnnotate, DetectionModel = p.DetectionModel, RecognitionModel = p.RecognitionModel, BoxModel = p.BoxModel,
        };
    }

    public async Task<IReadOnlyList<PersonInfo>> PeopleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          orderby u.Email
                          select new PersonInfo(u.Id, u.Email!, u.DisplayName, r.Name!)).ToListAsync(ct);
        return rows;
    }

    /// <summary>Creates or updates a project; returns its id, or the problems that stop the save.</summary>
    public async Task<(int? Id, IReadOnlyList<string> Problems)> SaveAsync(ProjectEditModel model, CancellationToken ct = default)
    {
        var problems = SchemaRules.Check(model.Name, model.Classes).ToList();
        if (problems.Count > 0) return (null, problems);
        var name = model.Name.Trim();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Projects.AnyAsync(p => p.Name == name && p.Id != model.Id, ct))
            return (null, [$"A project named '{name}' exists already."]);

        Project project;
        if (model.Id == 0)
        {
            project = new Project { Name = name, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Projects.Add(project);
        }
        else
        {
            project = await db.Projects.Include(p => p.Classes).Include(p => p.Members)
                .FirstOrDefaultAsync(p => p.Id == model.Id, ct) ?? throw new InvalidOperationException("The project no longer exists.");
            project.Name = name;
        }
        project.Instructions = model.Instructions ?? "";
        project.PreAnnotate = model.PreAnnotate;
        project.DetectionModel = string.IsNullOrWhiteSpace(model.DetectionModel) ? null : model.DetectionModel;
        project.RecognitionModel = string.IsNullOrWhiteSpace(model.RecognitionModel) ? null : model.RecognitionModel;
        project.BoxModel = string.IsNullOrWhiteSpace(model.BoxModel) ? null : model.BoxModel;

        var keep = model.Classes.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToHashSet();
        var removed = project.Classes.Where(c => !keep.Contains(c.Id)).ToList();
        var removedIds = removed.Select(c => c.Id).ToList();
        if (removedIds.Count > 0 && await db.DraftRegions.AnyAsync(r => r.ClassId != null && removedIds.Contains(r.ClassId.Value), ct))
            return (null, ["A class you removed is used by regions; rename it instead of removing it."]);
        foreach (var c in removed) project.Classes.Remove(c);

        for (int i = 0; i < model.Classes.Count; i++)
        {
            var input = model.Classes[i];
            var entity = project.Classes.FirstOrDefault(c => c.Id == input.Id && input.Id is not null);
            if (entity is null)
            {
                entity = new LabelClass { Name = input.Name.Trim() };
                project.Classes.Add(entity);
            }
            entity.Name = input.Name.Trim();
            entity.Color = input.Color.ToLowerInvariant();
            entity.Hotkey = string.IsNullOrWhiteSpace(input.Hotkey) ? null : input.Hotkey.Trim().ToLowerInvariant();
            entity.AllowBox = input.AllowBox;
            entity.AllowPolygon = input.AllowPolygon;
            entity.RequiresTranscription = input.RequiresTranscription;
            entity.SortOrder = i;
        }

        project.Members.RemoveAll(m => !model.MemberIds.Contains(m.UserId));
        foreach (var id in model.MemberIds.Where(id => project.Members.All(m => m.UserId != id)))
            project.Members.Add(new ProjectMember { UserId = id });

        await db.SaveChangesAsync(ct);
        return (project.Id, []);
    }
}
