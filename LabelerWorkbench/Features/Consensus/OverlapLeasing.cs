using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Consensus;

/// <summary>
/// Hands out the replicas of overlap tasks. An overlap task is never leased itself: each of its k labelers gets a
/// private copy (its image, the models' suggestions, nothing of the others' work), made under a compare-and-swap on
/// the task's version so that concurrent leases never make more than k copies, and a unique index so that one
/// labeler never gets a second copy of the same task, even after handing the first back.
/// </summary>
public static class OverlapLeasing
{
    /// <summary>A replica of an overlap task still short of labelers and new to this user, or null.</summary>
    public static async Task<int?> LeaseOpenReplicaAsync(WorkbenchDb db, Project project, string userId, DateTime now, DateTime expires, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var mine = db.Tasks.Where(c => c.ReplicaLabelerId == userId).Select(c => c.ReplicaOfTaskId);
            var open = await db.Tasks.AsNoTracking()
                .Where(t => t.ProjectId == project.Id && t.ReplicasWanted > 0 && t.Status == LabelTaskStatus.Ready &&
                            (t.ReplicaDeadline == null || t.ReplicaDeadline > now) && !mine.Contains(t.Id) &&
                            db.Tasks.Count(c => c.ReplicaOfTaskId == t.Id && c.Status != LabelTaskStatus.Ready) < t.ReplicasWanted)
                .OrderBy(t => t.Id).Select(t => new { t.Id, t.Version }).FirstOrDefaultAsync(ct);
            if (open is null) return null;
            if (await CopyForAsync(db, open.Id, open.Version, userId, now, expires, ct) is { } copy) return copy;
        }
        return null;
    }

    /// <summary>
    /// Called with the task the queue would hand out: when the policy puts it under overlap, it becomes an overlap task
    /// and the user gets its first replica (returned); otherwise null and the task is leased as usual.
    /// </summary>
    public static async Task<int?> StartIfPickedAsync(WorkbenchDb db, Project project, int taskId, int version, string userId,
        DateTime now, DateTime expires, CancellationToken ct)
    {
        var policy = project.Quality.Overlap;
        if (policy.Mode == OverlapMode.Off) return null;
        var signals = policy.Mode == OverlapMode.MonitorPicked ? await SignalsAsync(db, project, taskId, userId, ct) : new(false, false, false);
        if (!policy.Applies(taskId, signals)) return null;
        var started = await db.Tasks.Where(t => t.Id == taskId && t.Version == version && t.Status == LabelTaskStatus.Ready && t.ReplicasWanted == 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ReplicasWanted, policy.Replicas)
                .SetProperty(t => t.ReplicaDeadline, now + policy.Deadline)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (started == 0) return null;
        return await CopyForAsync(db, taskId, version + 1, userId, now, expires, ct);
    }

    static async Task<OverlapSignals> SignalsAsync(WorkbenchDb db, Project project, int taskId, string userId, CancellationToken ct)
    {
        var record = await QualityProfiles.LabelerRecordAsync(db, project.Id, userId, project.Quality.ReviewCleanStreak, ct);
        var confidence = await db.Suggestions.Where(s => s.TaskId == taskId).AverageAsync(s => (double?)s.Confidence, ct);
        return new(record.SubmittedBefore < Math.Max(1, project.Quality.ReviewNewLabelerTasks), record.Flagged,
            confidence is { } c && c < LabelerEvidenceQuery.LowConfidence);
    }

    /// <summary>Makes the user's replica if the task is still as read (its version) and short of labelers; null if it lost a race.</summary>
    static async Task<int?> CopyForAsync(WorkbenchDb db, int taskId, int version, string userId, DateTime now, DateTime expires, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Taking the version first serialises the replicas of one task: whoever moves it on makes the next copy.
        var claimed = await db.Tasks.Where(t => t.Id == taskId && t.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (claimed == 0) return null;
        var task = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == taskId, ct);
        var taken = await db.Tasks.CountAsync(c => c.ReplicaOfTaskId == taskId && c.Status != LabelTaskStatus.Ready, ct);
        if (taken >= task.ReplicasWanted || await db.Tasks.AnyAsync(c => c.ReplicaOfTaskId == taskId && c.ReplicaLabelerId == userId, ct))
            return null;

        var copy = new LabelTask
        {
            ProjectId = task.ProjectId, ImageSha256 = task.ImageSha256, FileName = task.FileName, CreatedAt = now, LeasedAt = now,
            ReplicaOfTaskId = taskId, ReplicaLabelerId = userId,
            PreAnnotation = task.PreAnnotation, PreAnnotationError = task.PreAnnotationError, PreAnnotatedAt = task.PreAnnotatedAt,
        };
        copy.Apply(TaskLifecycle.NewReplica(userId, new DateTimeOffset(now, TimeSpan.Zero), expires - now));
        db.Tasks.Add(copy);
        await db.SaveChangesAsync(ct);

        // The task's starting point (the models' suggestions, or imported regions) under fresh ids: every replica is its own work.
        var ids = new Dictionary<Guid, Guid>();
        Guid Fresh(Guid id) => ids.TryGetValue(id, out var n) ? n : ids[id] = Guid.NewGuid();
        var drafts = await db.DraftRegions.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Order).ToListAsync(ct);
        foreach (var row in drafts)
        {
            var region = RegionJson.FromRow(row);
            db.DraftRegions.Add(RegionJson.ToRow(region with { Id = Fresh(region.Id) }, copy.Id, row.Order, now));
        }
        foreach (var s in await db.Suggestions.AsNoTracking().Where(s => s.TaskId == taskId).ToListAsync(ct))
            db.Suggestions.Add(new ModelSuggestion
            {
                Id = Fresh(s.Id), TaskId = copy.Id, ModelName = s.ModelName, ModelVersion = s.ModelVersion, Kind = s.Kind, ClassId = s.ClassId,
                Points = s.Points, Text = s.Text, Confidence = s.Confidence, CharConfidences = s.CharConfidences, CreatedAt = s.CreatedAt,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return copy.Id;
    }
}
