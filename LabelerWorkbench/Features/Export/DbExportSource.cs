using System.Runtime.CompilerServices;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export;

/// <summary>
/// A project's finished work read from the database in pages of <see cref="PageSize"/> tasks (keyset by id), so an
/// export of any size holds one page at a time. Gold copies (a labeler's test) are never exported.
/// </summary>
public sealed class DbExportSource : IExportSource
{
    const int PageSize = 200;
    readonly IDbContextFactory<WorkbenchDb> dbFactory;
    readonly BlobStore blobs;
    readonly int projectId;
    readonly ExportOptions options;
    readonly bool withHistory;

    DbExportSource(IDbContextFactory<WorkbenchDb> dbFactory, BlobStore blobs, int projectId, ExportOptions options, string name, LabelSchema schema, int count)
    {
        (this.dbFactory, this.blobs, this.projectId, this.options) = (dbFactory, blobs, projectId, options);
        (ProjectName, Schema, Count) = (name, schema, count);
        withHistory = options.Format == ExportFormat.Jsonl;
    }

    public string ProjectName { get; }
    public LabelSchema Schema { get; }
    public int Count { get; }

    public static async Task<DbExportSource> OpenAsync(IDbContextFactory<WorkbenchDb> dbFactory, BlobStore blobs, int projectId, ExportOptions options, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().Include(p => p.Classes).FirstAsync(p => p.Id == projectId, ct);
        var schema = new LabelSchema(project.Classes.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.ToInfo()).ToList());
        var count = await Selected(db, projectId, options).CountAsync(ct);
        return new DbExportSource(dbFactory, blobs, projectId, options, project.Name, schema, count);
    }

    /// <summary>The tasks in the export: accepted (or any with a revision), last submitted inside the window.</summary>
    static IQueryable<LabelTask> Selected(WorkbenchDb db, int projectId, ExportOptions options)
    {
        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null
            && db.Revisions.Any(r => r.TaskId == t.Id));
        if (options.AcceptedOnly) tasks = tasks.Where(t => t.Status == LabelTaskStatus.Accepted);
        if (options.From is { } from) tasks = tasks.Where(t => db.Revisions.Where(r => r.TaskId == t.Id).Max(r => r.SubmittedAt) >= from);
        if (options.To is { } to) tasks = tasks.Where(t => db.Revisions.Where(r => r.TaskId == t.Id).Max(r => r.SubmittedAt) < to);
        return tasks;
    }

    public async IAsyncEnumerable<ExportItem> ItemsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            List<ExportItem> page;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var tasks = await Selected(db, projectId, options).Where(t => t.Id > after).OrderBy(t => t.Id).Take(PageSize)
                    .Select(t => new { t.Id, t.FileName, t.ImageSha256, t.Image!.Width, t.Image.Height, t.Status })
                    .ToListAsync(ct);
                if (tasks.Count == 0) yield break;
                var ids = tasks.Select(t => t.Id).ToList();
                var revisions = withHistory
                    ? await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync(ct)
                    : await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.TaskId)
                        && r.Number == db.Revisions.Where(x => x.TaskId == r.TaskId).Max(x => x.Number)).ToListAsync(ct);
                // The JSONL export tells which tasks are merges, with their replicas and per-word agreement.
                var merges = withHistory ? await ConsensusRecord.ForTasksAsync(db, ids, Schema, withReplicas: true, ct) : [];
                var byTask = revisions.GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Number)
                    .Select(r => new ExportRevision(r.Number, r.SubmittedBy, r.SubmittedAt, r.Regions)).ToList());
                page = tasks.Select(t =>
                {
                    var history = byTask[t.Id];
                    var latest = history[^1];
                    return new ExportItem(t.Id, t.FileName, t.ImageSha256, t.Width, t.Height, t.Status, latest.SubmittedAt,
                        latest.Regions, withHistory ? history : [], merges.GetValueOrDefault(t.Id));
                }).ToList();
                after = tasks[^1].Id;
            }
            foreach (var item in page) yield return item;
        }
    }

    public Stream OpenImage(string sha256) => blobs.OpenRead(sha256);
}
