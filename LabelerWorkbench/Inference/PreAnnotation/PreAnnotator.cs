using System.Diagnostics;
using System.Text.Json;
using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Inference.Ocr;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>
/// Pre-annotates one task: runs the project's models on its image and stores each proposal twice, as a
/// pending draft region the labeler starts from and as an untouchable copy (to tell later what was done
/// with it). A task that someone is already labeling, or that has regions, is left alone; a gold task gets
/// suggestions only (its copies start from them, traps seeded), never drafts.
/// </summary>
public sealed class PreAnnotator(
    IDbContextFactory<WorkbenchDb> dbFactory,
    BlobStore blobs,
    ModelRunner models,
    INotificationHub hub,
    TimeProvider time,
    ILogger<PreAnnotator> log)
{
    /// <param name="job">The queue's job for the task: completed with the result, in its transaction, and only if this node still holds it.</param>
    public async Task RunAsync(int taskId, JobClaim? job, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.Include(t => t.Image).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
        {
            // Deleted while it waited: nothing to do but take it off the queue.
            if (job is not null) await WorkQueue.CompleteAsync(db, job, ct);
            return;
        }
        var project = await db.Projects.AsNoTracking().Include(p => p.Classes).FirstAsync(p => p.Id == task.ProjectId, ct);

        string? error = null;
        try
        {
            // A gold source is done (its answer is set) but its copies need the models' suggestions, traps are seeded in them.
            var goldSource = task.IsGold && task.GoldSourceTaskId is null;
            if (goldSource ? await db.Suggestions.AnyAsync(s => s.TaskId == taskId, ct)
                           : task.Status != LabelTaskStatus.Ready || await db.DraftRegions.AnyAsync(r => r.TaskId == taskId, ct))
            {
                error = goldSource ? "Skipped: the gold task already has suggestions." : "Skipped: the task already has regions or is being labeled.";
            }
            else
            {
                using var image = ImageTensors.Decode(await File.ReadAllBytesAsync(blobs.PathOf(task.ImageSha256), ct));
                var (proposals, runError) = await Task.Run(() => models.Run(image, project.DetectionModel, project.RecognitionModel, project.BoxModel), ct);
                error = runError;
                if (proposals is not null) Store(db, task, project, proposals, drafts: !goldSource);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Pre-annotation of task {Task} failed", taskId);
            error = $"The models failed on this image: {ex.Message}";
        }

        var now = time.GetUtcNow().UtcDateTime;
        var skipped = error?.StartsWith("Skipped") == true;
        task.PreAnnotation = error is null || skipped ? PreAnnotationState.Done : PreAnnotationState.Failed;
        task.PreAnnotationError = error;
        task.PreAnnotatedAt = now;
        // The suggestions, the task's state and the job's completion commit together: if another node took the job
        // (this one stalled past its lease) nothing is written here, so every image gets its suggestions once.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (job is not null && !await WorkQueue.CompleteAsync(db, job, ct))
            {
                log.LogWarning("Pre-annotation of task {Task} was taken over by another node; this node's result is dropped", taskId);
                return;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A labeler took the task while the models ran: their work wins, the suggestions are dropped.
                await transaction.RollbackAsync(ct);
                error = "Skipped: a labeler started the task while the models ran.";
                await using var retry = await dbFactory.CreateDbContextAsync(ct);
                await using var again = await retry.Database.BeginTransactionAsync(ct);
                if (job is not null && !await WorkQueue.CompleteAsync(retry, job, ct)) return;
                await retry.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.PreAnnotation, PreAnnotationState.Done)
                    .SetProperty(t => t.PreAnnotationError, error)
                    .SetProperty(t => t.PreAnnotatedAt, now), ct);
                await again.CommitAsync(ct);
            }
        }
        await hub.PublishAsync(new PreAnnotationProgress(task.ProjectId, taskId, error is null || error.StartsWith("Skipped"), error, clock.Elapsed.TotalMilliseconds, now));
    }

    void Store(WorkbenchDb db, LabelTask task, Project project, IReadOnlyList<Proposal> proposals, bool drafts)
    {
        var schema = new LabelSchema(project.Classes.OrderBy(c => c.SortOrder).Select(c => c.ToInfo()).ToList());
        var now = time.GetUtcNow().UtcDateTime;
        var order = 0;
        foreach (var p in proposals)
        {
            var region = ToRegion(p, schema, task.Image!.Width, task.Image.Height);
            if (region is null) continue;
            if (drafts) db.DraftRegions.Add(RegionJson.ToRow(region, task.Id, ++order, now));
            db.Suggestions.Add(new ModelSuggestion
            {
                Id = region.Id, TaskId = task.Id, ModelName = p.ModelName, ModelVersion = p.ModelVersion,
                Kind = region.Kind, ClassId = region.ClassId, Points = region.Points,
                Text = region.Transcription, Confidence = p.Confidence,
                CharConfidences = JsonSerializer.Serialize(p.CharConfidences.Select(c => Math.Round(c, 3))), CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// Fits a proposal to the schema: a box detector's class by name; OCR text to the first class that
    /// takes polygons and transcriptions (else any polygon class, else a box class with the text's bounds).
    /// </summary>
    public static RegionData? ToRegion(Proposal p, LabelSchema schema, int width, int height)
    {
        LabelClassInfo? cls = p.ClassName is not null
            ? schema.Classes.FirstOrDefault(c => string.Equals(c.Name, p.ClassName, StringComparison.OrdinalIgnoreCase))
            : schema.Classes.FirstOrDefault(c => c.AllowPolygon && c.RequiresTranscription)
              ?? schema.Classes.FirstOrDefault(c => c.AllowPolygon)
              ?? schema.Classes.FirstOrDefault(c => c.AllowBox);
        var asBox = p.IsBox || cls is { AllowPolygon: false };
        var bounds = PolygonMath.BoundingBox(p.Polygon);
        IReadOnlyList<Point2> points = asBox
            ? [new(bounds.X, bounds.Y), new(bounds.Right, bounds.Bottom)]
            : p.Polygon;
        var region = new RegionData(Guid.NewGuid(), asBox ? GeometryKind.Box : GeometryKind.Polygon, cls?.Id, points,
            p.Text, new Provenance(RegionSource.Model, null, p.ModelName, p.ModelVersion, Math.Round(p.Confidence, 4)), Pending: true);
        return RegionRules.CheckEdit(region, width, height, schema) is null ? region : null;
    }
}
