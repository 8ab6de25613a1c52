using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Features.DataManager;

/// <summary>What a bulk action did: which tasks changed, and for each refused one, which and why.</summary>
public sealed record BulkOutcome(IReadOnlyList<int> Changed, IReadOnlyList<string> Refusals)
{
    public int Done => Changed.Count;
    public static BulkOutcome Denied(string why) => new([], [why]);
}

/// <summary>
/// The lead's bulk actions on a project's tasks. Each task is judged on its own by the task state machine and
/// saved on its own (with the task's concurrency token), so one refused or raced task never blocks the others.
/// Each changed task is announced on the hub as the single-task flow announces it, so live pages update.
/// </summary>
public sealed class TaskBulkActions(IDbContextFactory<WorkbenchDb> dbFactory, GoldService gold, IOptions<AnnotateOptions> annotate,
    INotificationHub hub, TimeProvider time)
{
    public const string LeadsOnly = "Only a team lead can change tasks in the data manager.";

    public Task<BulkOutcome> ReassignAsync(int projectId, IReadOnlyCollection<int> taskIds, string labelerId, Actor actor, CancellationToken ct = default) =>
        RunAsync(projectId, taskIds, actor, async db =>
            await IsMemberInRoleAsync(db, projectId, labelerId, Roles.Labeler, ct) ? null : "The chosen person is not a labeler of this project.",
            (task, now) =>
            {
                var result = TaskLifecycle.Assign(task.LeaseState, labelerId, now, annotate.Value.LeaseDuration);
                if (result.Ok && result.State.Status == LabelTaskStatus.Leased) task.LeasedAt = now.UtcDateTime;
                return result;
            }, null, _ => Task.CompletedTask, "reassigned", ct);

    /// <summary>What the labeler reads when the lead gave no reason.</summary>
    public const string DefaultReturnReason = "A team lead returned this task to you: look it over and submit it again.";

    /// <param name="reason">Why, for the labeler (shown on their annotate page); blank gives <see cref="DefaultReturnReason"/>.</param>
    public Task<BulkOutcome> ReturnToLabelerAsync(int projectId, IReadOnlyCollection<int> taskIds, Actor actor, string? reason = null, CancellationToken ct = default) =>
        RunAsync(projectId, taskIds, actor, _ => Task.FromResult<string?>(null), (task, _) =>
            task.LabeledBy is { } labeler
                ? TaskLifecycle.ReturnByLead(task.LeaseState, labeler)
                : LifecycleResult.Fail(task.LeaseState, "Nobody has submitted it yet."),
            async (db, task, now) => db.LeadReturns.Add(new LeadReturn
            {
                TaskId = task.Id, LeadId = actor.UserId, At = now.UtcDateTime,
                RevisionNumber = await db.Revisions.Where(r => r.TaskId == task.Id).MaxAsync(r => (int?)r.Number, ct) ?? 0,
                Comment = string.IsNullOrWhiteSpace(reason) ? DefaultReturnReason : reason.Trim(),
            }),
            // What a reviewer's return announces: the labeler's pages and the dashboards listen for it.
            task => hub.PublishAsync(new ReviewCompleted(projectId, task.Id, task.LabeledBy!, ReviewVerdict.Rejected)), "returned", ct);

    public Task<BulkOutcome> SendToReviewAsync(int projectId, IReadOnlyCollection<int> taskIds, string reviewerId, Actor actor, CancellationToken ct = default) =>
        RunAsync(projectId, taskIds, actor, async db =>
            await IsMemberInRoleAsync(db, projectId, reviewerId, Roles.Reviewer, ct) ? null : "The chosen person is not a reviewer of this project.",
            (task, _) =>
            {
                var result = TaskLifecycle.SendToReviewByLead(task.LeaseState);
                if (result.Ok) task.ReviewerId = reviewerId;
                return result;
            }, null,
            // What a submission sampled for review announces: review queues and dashboards listen for it.
            task => hub.PublishAsync(new TaskSubmitted(projectId, task.Id, task.LabeledBy ?? "", task.Status)), "sent to review", ct);

    /// <summary>Marks or unmarks gold with the Quality tab's own rules (only accepted work becomes gold).</summary>
    public async Task<BulkOutcome> SetGoldAsync(int projectId, IReadOnlyCollection<int> taskIds, bool makeGold, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) return BulkOutcome.Denied(LeadsOnly);
        var (tasks, refusals) = await LoadAsync(projectId, taskIds, ct);
        var done = new List<int>();
        foreach (var t in tasks)
        {
            if (t.GoldSourceTaskId is not null) { refusals.Add(Refusal(t, "It is a labeler's private gold copy.")); continue; }
            if (t.ReplicaOfTaskId is not null || t.ReplicasWanted > 0) { refusals.Add(Refusal(t, "It is an overlap task or one of its replicas: its replicas' merge decides it.")); continue; }
            if (t.IsGold == makeGold) { refusals.Add(Refusal(t, makeGold ? "It is gold already." : "It is not gold.")); continue; }
            if (makeGold && await gold.MarkAsync(t.Id, actor.UserId, ct) is { } error) { refusals.Add(Refusal(t, error)); continue; }
            if (!makeGold) await gold.UnmarkAsync(t.Id, ct);
            done.Add(t.Id);
        }
        return await AnnounceAsync(projectId, new(done, refusals), makeGold ? "marked gold" : "unmarked as gold");
    }

    /// <summary>
    /// Deletes tasks nobody has worked on: submitted work has immutable revisions behind the quality record, and a
    /// live lease means a labeler is at it now.
    /// </summary>
    public async Task<BulkOutcome> DeleteAsync(int projectId, IReadOnlyCollection<int> taskIds, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) return BulkOutcome.Denied(LeadsOnly);
        var (tasks, refusals) = await LoadAsync(projectId, taskIds, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var done = new List<int>();
        foreach (var t in tasks)
        {
            string? why = t.IsGold || t.GoldSourceTaskId is not null ? "It is gold or a gold copy; unmark it first."
                : t.ReplicaOfTaskId is not null || t.ReplicasWanted > 0 ? "It is an overlap task or one of its replicas, kept for the merge."
                : !TaskLifecycle.IsLeasable(t.LeaseState, now) ? "Someone is working on it or has submitted it."
                : await db.Revisions.AnyAsync(r => r.TaskId == t.Id, ct) ? "It has submitted work, kept for the quality record."
                : null;
            if (why is not null) { refusals.Add(Refusal(t, why)); continue; }
            // Compare-and-delete on the version: a lease taken since we looked wins.
            var deleted = await db.Tasks.Where(x => x.Id == t.Id && x.Version == t.Version).ExecuteDeleteAsync(ct);
            if (deleted == 1) done.Add(t.Id);
            else refusals.Add(Refusal(t, "It changed meanwhile (a labeler may have taken it)."));
        }
        return await AnnounceAsync(projectId, new(done, refusals), "deleted");
    }

    /// <param name="record">Adds what goes with an allowed change (a lead's reason), saved with the task.</param>
    /// <param name="announce">Publishes what the single-task flow publishes for this change, after it is saved.</param>
    async Task<BulkOutcome> RunAsync(int projectId, IReadOnlyCollection<int> taskIds, Actor actor,
        Func<WorkbenchDb, Task<string?>> precheck, Func<LabelTask, DateTimeOffset, LifecycleResult> transition,
        Func<WorkbenchDb, LabelTask, DateTimeOffset, Task>? record, Func<LabelTask, Task> announce, string verb, CancellationToken ct)
    {
        if (!actor.IsLead) return BulkOutcome.Denied(LeadsOnly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await precheck(db) is { } problem) return BulkOutcome.Denied(problem);
        var ids = taskIds.Distinct().ToList();
        var tasks = await db.Tasks.Where(t => t.ProjectId == projectId && ids.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(ct);
        var refusals = Missing(ids, tasks);
        var now = time.GetUtcNow();
        var done = new List<LabelTask>();
        foreach (var task in tasks)
        {
            if (task.IsGold || task.GoldSourceTaskId is not null)
            {
                refusals.Add(Refusal(task, task.IsGold ? "It is a gold task; its answer must not change hands." : "It is a labeler's private gold copy."));
                continue;
            }
            if (task.ReplicaOfTaskId is not null || task.ReplicasWanted > 0 && task.Status == LabelTaskStatus.Ready)
            {
                refusals.Add(Refusal(task, "It is an overlap task still collecting replicas, or one of its replicas: the merge decides it."));
                continue;
            }
            var result = transition(task, now);
            if (!result.Ok) { refusals.Add(Refusal(task, result.Error!)); db.Entry(task).State = EntityState.Unchanged; continue; }
            task.Apply(result.State);
            if (record is not null) await record(db, task, now);
            try { await db.SaveChangesAsync(ct); done.Add(task); }
            catch (DbUpdateConcurrencyException)
            {
                refusals.Add(Refusal(task, "It changed meanwhile; reload and try again."));
                db.Entry(task).State = EntityState.Detached;
                // What was recorded with the refused change must not ride along with the next task's save.
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) added.State = EntityState.Detached;
            }
        }
        foreach (var task in done) await announce(task);
        return await AnnounceAsync(projectId, new(done.Select(t => t.Id).ToList(), refusals), verb);
    }

    /// <summary>One event for the whole action, for pages that show tasks of any kind (counts, grids).</summary>
    async Task<BulkOutcome> AnnounceAsync(int projectId, BulkOutcome outcome, string verb)
    {
        if (outcome.Done > 0) await hub.PublishAsync(new TasksChangedByLead(projectId, outcome.Changed, verb));
        return outcome;
    }

    async Task<(List<LabelTask> Tasks, List<string> Refusals)> LoadAsync(int projectId, IReadOnlyCollection<int> taskIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = taskIds.Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && ids.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(ct);
        return (tasks, Missing(ids, tasks));
    }

    static List<string> Missing(List<int> ids, List<LabelTask> found) =>
        ids.Except(found.Select(t => t.Id)).Order().Select(id => $"Task {id}: no such task in this project.").ToList();

    static string Refusal(LabelTask t, string why) => $"Task {t.Id} ({t.FileName}): {why}";

    static Task<bool> IsMemberInRoleAsync(WorkbenchDb db, int projectId, string userId, string role, CancellationToken ct) =>
        db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId &&
            db.UserRoles.Any(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)), ct);
}

/// <summary>Who asks: the signed-in user's id and whether they are a team lead.</summary>
public sealed record Actor(string UserId, bool IsLead);
