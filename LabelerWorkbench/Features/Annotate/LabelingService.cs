using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Consensus;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Quality.Training;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>Everything the annotate page needs to show a task.</summary>
public sealed record TaskSession(
    int TaskId, int ProjectId, string ProjectName, string Instructions, string FileName,
    string ImageSha256, int Width, int Height, LabelSchema Schema, IReadOnlyList<RegionData> Regions,
    int RevisionCount, IReadOnlyDictionary<Guid, SuggestedText> Suggestions, string? PreAnnotationError,
    ReviewFeedback? Feedback = null);


/// <param name="LeaseLost">True when the user no longer holds the task: retrying cannot help.</param>
/// <param name="Conflict">True when another save of the task won a race: reloading and saving again can help.</param>
public sealed record SaveResult(bool Ok, string? Error = null, DateTime? SavedAt = null, bool LeaseLost = false, bool Conflict = false);

public sealed record SubmitResult(bool Ok, IReadOnlyList<string> Problems, int? RevisionNumber = null);


/// <summary>
/// The labeler's side of a task: lease the next one, open it, save edits as they happen, submit.
/// Every write checks the lease through <see cref="TaskLifecycle"/>; the queue pick is a compare-and-swap
/// on the task's version, so two labelers never receive the same task.
/// </summary>
public sealed class LabelingService(
    IDbContextFactory<WorkbenchDb> dbFactory,
    ProjectAccess access,
    IOptions<AnnotateOptions> options,
    IQualityEventQueue monitor,
    INotificationHub hub,
    DomainEvents events,
    ConsensusService consensus,
    TeamBehaviourCache teamBehaviour,
    TimeProvider time)
{
    TimeSpan LeaseDuration => options.Value.LeaseDuration;
    readonly KeyedGate<(int ProjectId, string UserId)> leasing = new();

    /// <summary>
    /// Leases the next task of the project: the user's own open task first, then a task a reviewer returned to
    /// them, then (at the project's gold rate) a private copy of a gold task, else the oldest leasable task.
    /// Null when there is none, or while a must-complete training module waits for the user.
    /// </summary>
    /// <summary>Ready tasks of the project that wait for the models' suggestions before anyone may take them.</summary>
    public async Task<int> WaitingForModelsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tasks.CountAsync(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null &&
                                              t.Status == LabelTaskStatus.Ready && t.PreAnnotation == PreAnnotationState.Queued, ct);
    }

    public async Task<int?> LeaseNextAsync(int projectId, string userId, CancellationToken ct = default)
    {
        // One lease at a time per labeler and project: two tabs (or a retrying client) asking at once would otherwise
        // each win a different task, and the labeler would hold both. The second waits and resumes the first's task.
        using (await leasing.EnterAsync((projectId, userId), ct))
            return await LeaseNextUngatedAsync(projectId, userId, ct);
    }

    async Task<int?> LeaseNextUngatedAsync(int projectId, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await TrainingGate.BlockingAssignmentAsync(db, projectId, userId, ct) is not null) return null;
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return null;
        var goldDrawn = false;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var now = time.GetUtcNow();
            var nowUtc = now.UtcDateTime;
            var expires = (now + LeaseDuration).UtcDateTime;
            var own = await db.Tasks.AsNoTracking()
                .Where(t => t.ProjectId == projectId && t.LeasedBy == userId &&
                            (t.Status == LabelTaskStatus.Leased || t.Status == LabelTaskStatus.Returned))
                .OrderBy(t => t.Status == LabelTaskStatus.Leased ? 0 : 1).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.Version, t.Status, t.LeasedBy, t.LeaseExpiresAt }).FirstOrDefaultAsync(ct);
            if (own is null && !goldDrawn)
            {
                goldDrawn = true;
                var goldRate = project.Quality.GoldRate <= 0 ? 0 : AdaptiveGoldRate.Decide(project.Quality.Gold,
                    await LabelerEvidenceQuery.ForAsync(db, projectId, userId, project.Quality.Gold.CleanStreak,
                        await LabelerEvidenceQuery.BehaviourOfAsync(db, projectId, userId, ct), await teamBehaviour.GetAsync(db, projectId, ct), ct)).Rate;
                if (Random.Shared.NextDouble() < goldRate &&
                    await GoldService.LeaseCopyAsync(db, project, userId, nowUtc, expires, Random.Shared, ct) is { } goldCopy)
                    return goldCopy;
            }
            // Overlap tasks short of labelers come before new work, so that they complete.
            if (own is null && await OverlapLeasing.LeaseOpenReplicaAsync(db, project, userId, nowUtc, expires, ct) is { } replica)
                return replica;
            // Mirrors TaskLifecycle.IsLeasable: ready, or leased with the lease run out. Gold copies and replicas are
            // private; an overlap task is only ever labeled through its replicas.
            // A task still queued for the models waits: leased first, it would never get its suggestions.
            var candidates = own is not null ? new[] { own }.ToList() : await db.Tasks.AsNoTracking()
                    .Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null && t.ReplicasWanted == 0 &&
                                ((t.Status == LabelTaskStatus.Ready && t.PreAnnotation != PreAnnotationState.Queued) ||
                                 (t.Status == LabelTaskStatus.Leased && (t.LeaseExpiresAt == null || t.LeaseExpiresAt <= nowUtc))))
                    .OrderBy(t => t.Id).Select(t => new { t.Id, t.Version, t.Status, t.LeasedBy, t.LeaseExpiresAt })
                    .Take(QueuePick.Among(attempt)).ToListAsync(ct);
            if (candidates.Count == 0) return null;
            var candidate = candidates[QueuePick.Choose(attempt, candidates.Count, Random.Shared)];
            if (own is null && candidate.Status == LabelTaskStatus.Ready &&
                await OverlapLeasing.StartIfPickedAsync(db, project, candidate.Id, candidate.Version, userId, nowUtc, expires, ct) is { } first)
                return first;
            // A new lease starts the working time; resuming one's own task keeps it.
            DateTime? startedAt = own is null ? nowUtc : null;

            var leased = TaskLifecycle.Lease(new TaskLeaseState(candidate.Status, candidate.LeasedBy,
                candidate.LeaseExpiresAt is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null), userId, now, LeaseDuration);
            if (!leased.Ok) continue;
            var (status, holder, expiry) = (leased.State.Status, leased.State.LeasedBy, leased.State.LeaseExpiresAt?.UtcDateTime);
            var won = await db.Tasks
                .Where(t => t.Id == candidate.Id && t.Version == candidate.Version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, status)
                    .SetProperty(t => t.LeasedBy, holder)
                    .SetProperty(t => t.LeaseExpiresAt, expiry)
                    .SetProperty(t => t.LeasedAt, t => startedAt ?? t.LeasedAt)
                    .SetProperty(t => t.Version, t => t.Version + 1), ct);
            if (won == 1) return candidate.Id;
            // Someone else changed that task between our read and our write: look again.
        }
        throw new InvalidOperationException("The queue is too busy right now; try again.");
    }

    /// <summary>Opens a task the user holds (renewing the lease), or says why not.</summary>
    public async Task<(TaskSession? Session, string? Error)> OpenAsync(int taskId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        LabelTask? task = null;
        // Several tabs opening one task at once each renew the lease; a renewal that lost the race to another
        // is simply made again on the fresh row (a renewal by the same holder is always allowed).
        for (var attempt = 1; ; attempt++)
        {
            task = await db.Tasks.Include(t => t.Image).FirstOrDefaultAsync(t => t.Id == taskId, ct);
            // A task of a project the user is not in looks the same as a missing one: ids are not a way in.
            if (task is null || !await access.CanOpenAsync(userId, false, task.ProjectId, ct))
                return (null, "This task does not exist or is not yours.");
            // A task a reviewer returned is taken up again by opening it.
            var renewed = TaskLifecycle.IsReturnedTo(task.LeaseState, userId)
                ? TaskLifecycle.Lease(task.LeaseState, userId, time.GetUtcNow(), LeaseDuration)
                : TaskLifecycle.Renew(task.LeaseState, userId, time.GetUtcNow(), LeaseDuration);
            if (!renewed.Ok) return (null, renewed.Error);
            task.Apply(renewed.State);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (null, "This task is being opened in several places at once; reload the page.");
            }
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId, ct);
        var rows = await db.DraftRegions.AsNoTracking().Where(r => r.TaskId == taskId)
            .OrderBy(r => r.Order).ToListAsync(ct);
        var revisions = await db.Revisions.CountAsync(r => r.TaskId == taskId, ct);
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.TaskId == taskId)
            .Select(s => new { s.Id, s.Text, s.CharConfidences }).ToListAsync(ct);
        return (new TaskSession(task.Id, task.ProjectId, project.Name, project.Instructions, task.FileName,
            task.ImageSha256, task.Image!.Width, task.Image.Height, await access.SchemaAsync(task.ProjectId, ct),
            rows.Select(RegionJson.FromRow).ToList(), revisions,
            suggestions.ToDictionary(s => s.Id, s => new SuggestedText(s.Text,
                System.Text.Json.JsonSerializer.Deserialize<double[]>(s.CharConfidences ?? "[]") ?? [])),
            task.PreAnnotation == PreAnnotationState.Failed ? task.PreAnnotationError : null,
            await ReturnedTaskFeedback.ReadAsync(db, taskId, revisions, ct)), null);
    }

    /// <summary>
    /// The stored regions among <paramref name="ids"/> (an edit keeps their provenance), read for a draft save when the
    /// user holds the task; null otherwise (the caller then opens the task as before). Reads only: the save that
    /// follows checks and renews the lease itself, so a save costs one write, not two.
    /// </summary>
    public async Task<Dictionary<Guid, RegionData>?> RegionsToEditAsync(int taskId, string userId, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The lease and the membership in one statement: a save is the most frequent request there is.
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId)
            .Select(t => new { t.Status, t.LeasedBy, Member = db.ProjectMembers.Any(m => m.ProjectId == t.ProjectId && m.UserId == userId) })
            .FirstOrDefaultAsync(ct);
        if (task is null || task.Status != LabelTaskStatus.Leased || task.LeasedBy != userId || !task.Member) return null;
        var rows = await db.DraftRegions.AsNoTracking().Where(r => r.TaskId == taskId && ids.Contains(r.Id)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, RegionJson.FromRow);
    }

    /// <summary>Writes changed and deleted regions of the working copy; renews the lease.</summary>
    /// <param name="order">Every region's id in the order the labeler's list shows them, when that changed other than by appending.</param>
    public async Task<SaveResult> SaveDraftAsync(int taskId, string userId,
        IReadOnlyList<RegionData> upserts, IReadOnlyList<Guid> deletes, IReadOnlyList<Guid>? order = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.Include(t => t.Image).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new(false, "The task no longer exists.", LeaseLost: true);
        var now = time.GetUtcNow();
        var renewed = TaskLifecycle.Renew(task.LeaseState, userId, now, LeaseDuration);
        if (!renewed.Ok) return new(false, renewed.Error, LeaseLost: true);

        var schema = await access.SchemaAsync(task.ProjectId, ct);
        foreach (var r in upserts)
        {
            if (RegionRules.CheckEdit(r, task.Image!.Width, task.Image.Height, schema) is { } error)
                return new(false, error);
        }

        var ids = upserts.Select(r => r.Id).Concat(deletes).ToList();
        var rows = await db.DraftRegions.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        if (rows.Values.Any(r => r.TaskId != taskId)) return new(false, "A region belongs to another task.");
        // The rows this save leaves alone, summed in the database, plus what the save writes; and the last place in
        // the list, for new regions. One statement.
        var kept = await db.DraftRegions.Where(r => r.TaskId == taskId)
            .GroupBy(r => r.TaskId)
            .Select(g => new
            {
                Regions = g.Count(r => !ids.Contains(r.Id)),
                Points = g.Sum(r => ids.Contains(r.Id) ? 0L : (long)r.PointCount),
                Characters = g.Sum(r => ids.Contains(r.Id) ? 0L : (long)r.Transcription.Length),
                LastOrder = g.Max(r => (int?)r.Order),
            })
            .FirstOrDefaultAsync(ct);
        if (RegionRules.CheckTaskTotals((kept?.Regions ?? 0) + upserts.Count, (kept?.Points ?? 0) + upserts.Sum(u => (long)u.Points.Count),
                (kept?.Characters ?? 0) + upserts.Sum(u => (long)u.Transcription.Length)) is { } overBudget)
            return new(false, overBudget);
        var nextOrder = (kept?.LastOrder ?? 0) + 1;

        var nowUtc = now.UtcDateTime;
        foreach (var id in deletes)
        {
            if (rows.TryGetValue(id, out var row)) db.DraftRegions.Remove(row);
        }
        foreach (var r in upserts)
        {
            if (rows.TryGetValue(r.Id, out var row))
            {
                var updated = RegionJson.ToRow(r, taskId, row.Order, nowUtc);
                db.Entry(row).CurrentValues.SetValues(updated);
            }
            else db.DraftRegions.Add(RegionJson.ToRow(r, taskId, nextOrder++, nowUtc));
        }
        if (order is not null) await StoreOrderAsync(db, taskId, order, ct);
        task.Apply(renewed.State);
        task.DraftSavedAt = nowUtc;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency-token miss, or a region another save added at the same moment (its key is taken).
            return new(false, "The task was changed by another save at the same moment (another tab?); reload to continue.", Conflict: true);
        }
        return new(true, SavedAt: nowUtc);
    }

    /// <summary>
    /// Numbers the task's rows as <paramref name="order"/> lists them (a split piece stays beside its line after a
    /// reload, and Submit's "Region N" matches the list); only rows whose number changes are written.
    /// </summary>
    static async Task StoreOrderAsync(WorkbenchDb db, int taskId, IReadOnlyList<Guid> order, CancellationToken ct)
    {
        var wanted = new Dictionary<Guid, int>();
        foreach (var id in order) wanted.TryAdd(id, wanted.Count + 1);
        var tracked = db.ChangeTracker.Entries<DraftRegion>().Where(e => e.Entity.TaskId == taskId).ToDictionary(e => e.Entity.Id, e => e.Entity);
        foreach (var row in tracked.Values)
            if (wanted.TryGetValue(row.Id, out var n)) row.Order = n;
        var stored = await db.DraftRegions.AsNoTracking().Where(r => r.TaskId == taskId).Select(r => new { r.Id, r.Order }).ToListAsync(ct);
        foreach (var row in stored)
        {
            if (tracked.ContainsKey(row.Id) || !wanted.TryGetValue(row.Id, out var n) || n == row.Order) continue;
            // Only the number changes: a stub carries it, without reading the region's points.
            var stub = new DraftRegion { Id = row.Id, TaskId = taskId, Order = row.Order, Points = [] };
            db.DraftRegions.Attach(stub);
            stub.Order = n;
        }
    }

    /// <summary>Checks the schema and, if all is well, freezes the regions as an immutable revision.</summary>
    public async Task<SubmitResult> SubmitAsync(int taskId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new(false, ["The task no longer exists."]);
        var submitted = TaskLifecycle.Submit(task.LeaseState, userId);
        if (!submitted.Ok) return new(false, [submitted.Error!]);

        var regions = (await db.DraftRegions.AsNoTracking().Where(r => r.TaskId == taskId)
            .OrderBy(r => r.Order).ToListAsync(ct)).Select(RegionJson.FromRow).ToList();
        var problems = RegionRules.CheckSubmit(regions, await access.SchemaAsync(task.ProjectId, ct));
        if (problems.Count > 0) return new(false, problems);

        var now = time.GetUtcNow().UtcDateTime;
        var number = await Revisions.FreezeAsync(db, taskId, userId, now, regions, ct,
            workSeconds: task.LeasedAt is { } leased && now > leased ? (now - leased).TotalSeconds : null);
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.TaskId == taskId).ToListAsync(ct);
        var decisions = SuggestionReview.Classify(
            suggestions.Select(s => s.ToRegion()), regions);
        foreach (var (suggestion, decision) in suggestions.Zip(decisions))
        {
            db.SuggestionOutcomes.Add(new SuggestionOutcome
            {
                TaskId = taskId, RevisionNumber = number, SuggestionId = suggestion.Id,
                ModelName = suggestion.ModelName, ModelVersion = suggestion.ModelVersion,
                Outcome = (SuggestionOutcomeKind)decision.Verdict, GeometryChanged = decision.GeometryChanged,
                LabelChanged = decision.LabelChanged, TextChanged = decision.TextChanged,
                DecidedBy = userId, DecidedAt = now,
            });
        }
        task.Apply(submitted.State);
        task.SubmittedAt = now;
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId, ct);
        var check = await SubmissionChecks.ApplyAsync(db, project, task, number, regions, suggestions, decisions, userId, now, Random.Shared, events, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, ["The task changed while submitting; reload and try again."]);
        }
        if (check is not null) await monitor.EnqueueAsync(QualityRecords.Recorded(check), ct);
        await hub.PublishAsync(new TaskSubmitted(task.ProjectId, task.Id, userId, task.Status));
        if (task.ReplicaOfTaskId is { } overlapTask) await consensus.TryCompleteAsync(overlapTask, ct);
        return new(true, [], number);
    }

    /// <summary>Hands a task back to the queue without submitting; the working copy stays for the next labeler.</summary>
    public async Task<string?> ReleaseAsync(int taskId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return "The task no longer exists.";
        var released = TaskLifecycle.Release(task.LeaseState, userId);
        if (!released.Ok) return released.Error;
        task.Apply(released.State);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
