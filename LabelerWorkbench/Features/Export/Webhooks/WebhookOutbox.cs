using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export.Webhooks;

/// <summary>
/// Adds the <c>task.completed</c> deliveries of a task to the unit of work that completes it: the outbox rows
/// commit with the status change or not at all, and the dispatcher sends them afterwards.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>A completed task's deliveries, written in the change that completes it.</summary>
    public sealed class OnTaskCompleted : IDomainEventHandler<TaskCompleted>
    {
        public async Task HandleAsync(WorkbenchDb db, TaskCompleted completed, CancellationToken ct)
        {
            var task = await db.Tasks.FindAsync([completed.TaskId], ct) ?? throw new InvalidOperationException($"Task {completed.TaskId} is not in this change.");
            await EnqueueCompletedAsync(db, task, completed.Revision, completed.Regions, completed.At, ct);
        }
    }

    /// <summary>The merge behind a task, when it is one: written in the same change (not saved yet) or earlier (a reviewed merge).</summary>
    static async Task<ConsensusRecord?> MergeOfAsync(WorkbenchDb db, int taskId, CancellationToken ct) =>
        (db.ConsensusResults.Local.FirstOrDefault(c => c.TaskId == taskId)
         ?? await db.ConsensusResults.AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId, ct)) is { } result
            ? ConsensusRecord.From(result) : null;

    public static async Task EnqueueCompletedAsync(WorkbenchDb db, LabelTask task, int revision, IReadOnlyList<RegionData> regions, DateTime now, CancellationToken ct)
    {
        if (!task.IsOriginal) return; // a labeler's test or replica, not the customer's data
        var urls = await db.Webhooks.AsNoTracking().Where(w => w.ProjectId == task.ProjectId).Select(w => w.Url).ToListAsync(ct);
        if (task.CallbackUrl is { } callback) urls.Add(callback);
        // Accepted again with the same content (a lead's second look, reviewed unchanged): the receivers already have
        // this revision, so only an address that has not been sent it yet gets a delivery.
        var sent = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.TaskId == task.Id && d.Revision == revision && d.EventType == TaskResult.CompletedEvent)
            .Select(d => d.Url).ToListAsync(ct);
        urls = urls.Distinct().Except(sent).ToList();
        if (urls.Count == 0) return;

        var classes = await db.LabelClasses.AsNoTracking().Where(c => c.ProjectId == task.ProjectId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var image = await db.Images.AsNoTracking().FirstAsync(i => i.Sha256 == task.ImageSha256, ct);
        var result = new TaskResult(TaskResult.CompletedEvent, task.ProjectId, task.Id, task.FileName, task.ImageSha256, image.Width, image.Height,
            "accepted", revision, now, RegionRecord.From(regions, new LabelSchema(classes.Select(c => c.ToInfo()).ToList())),
            await MergeOfAsync(db, task.Id, ct));
        var payload = JsonSerializer.Serialize(result, ExportJson.Options);
        foreach (var url in urls)
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                ProjectId = task.ProjectId, TaskId = task.Id, Revision = revision, Url = url, EventType = TaskResult.CompletedEvent,
                Payload = payload, CreatedAt = now, NextAttemptAt = now, Status = DeliveryStatus.Pending,
            });
    }
}
