using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Inference.PreAnnotation;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Gold;

public sealed record GoldTaskInfo(int TaskId, string FileName, string Origin, int Regions, int CopiesScored);

/// <summary>
/// Gold tasks: a lead marks an accepted task as gold (its accepted revision becomes the answer) or imports
/// answers; labelers then get private copies mixed into their queues, scored against the answer on submit.
/// </summary>
public sealed class GoldService(IDbContextFactory<WorkbenchDb> dbFactory, TimeProvider time, IPreAnnotationQueue preAnnotation)
{
    public async Task<IReadOnlyList<GoldTaskInfo>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var gold = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.IsGold)
            .Join(db.GoldAnswers, t => t.Id, g => g.TaskId, (t, g) => new { t.Id, t.FileName, g.Origin, g.Regions })
            .OrderBy(x => x.Id).ToListAsync(ct);
        var copies = await db.Tasks.Where(t => t.ProjectId == projectId && t.GoldSourceTaskId != null && t.SubmittedAt != null)
            .GroupBy(t => t.GoldSourceTaskId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        return gold.Select(g => new GoldTaskInfo(g.Id, g.FileName, g.Origin, g.Regions.Count, copies.GetValueOrDefault(g.Id))).ToList();
    }

    /// <summary>Makes an accepted task gold: its latest revision is the answer.</summary>
    public async Task<string?> MarkAsync(int taskId, string leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || task.GoldSourceTaskId is not null) return "No such task.";
        if (TaskLifecycle.MakeGold(task.LeaseState) is { Ok: false } refused) return refused.Error;
        var revision = await db.Revisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderByDescending(r => r.Number).FirstAsync(ct);
        await SetAnswerAsync(db, task, revision.Regions, $"revision {revision.Number}", leadId, ct);
        await db.SaveChangesAsync(ct);
        await QueueSuggestionsAsync(db, [task.Id], ct);
        return null;
    }

    public async Task UnmarkAsync(int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return;
        task.IsGold = false;
        await db.GoldAnswers.Where(g => g.TaskId == taskId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Imports answers, one JSON line per image: <c>{"image": "name.png", "regions": [{"label": "Text line",
    /// "polygon": [[x, y], …] or "box": [x, y, w, h], "text": "…"}]}</c>. Each line is matched to a task by its
    /// image name; a line that cannot be used is reported with its number and reason, and the others go on.
    /// </summary>
    public async Task<(int Imported, IReadOnlyList<string> Problems)> ImportAsync(int projectId, Stream jsonl, string leadId, string origin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var classes = await db.LabelClasses.Where(c => c.ProjectId == projectId).ToListAsync(ct);
        var problems = new List<string>();
        var imported = 0;
        var goldIds = new List<int>();
        using var reader = new StreamReader(jsonl);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (lineNumber > 100_000) { problems.Add("Stopped after 100,000 lines."); break; }
            var (answer, error) = GoldAnswerLine.Parse(line, classes.Select(c => c.ToInfo()).ToList());
            if (answer is null) { problems.Add($"Line {lineNumber}: {error}"); continue; }
            var task = await db.Tasks.Include(t => t.Image).FirstOrDefaultAsync(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.FileName == answer.Image, ct);
            if (task is null) { problems.Add($"Line {lineNumber}: no task in this project has the image '{answer.Image}'."); continue; }
            var answered = TaskLifecycle.ImportAnswer(task.LeaseState);
            if (!answered.Ok) { problems.Add($"Line {lineNumber}: '{answer.Image}' {answered.Error}"); continue; }
            if (answer.Regions.FirstOrDefault(r => r.Points.Any(p => p.X < 0 || p.Y < 0 || p.X > task.Image!.Width || p.Y > task.Image.Height)) is not null)
            { problems.Add($"Line {lineNumber}: a region lies outside the {task.Image!.Width}×{task.Image.Height} image."); continue; }
            var regions = answer.Regions;
            if (task.Status == LabelTaskStatus.Ready)
            {
                // The imported answer is the task's accepted result: it leaves the labeling queue.
                var now = time.GetUtcNow().UtcDateTime;
                await Revisions.FreezeAsync(db, task.Id, leadId, now, answer.Regions, ct);
                task.Apply(answered.State);
                task.LabeledBy = leadId;
                task.SubmittedAt = now;
            }
            await SetAnswerAsync(db, task, regions, $"imported {origin}", leadId, ct);
            goldIds.Add(task.Id);
            imported++;
        }
        await db.SaveChangesAsync(ct);
        await QueueSuggestionsAsync(db, goldIds, ct);
        return (imported, problems);
    }

    /// <summary>Runs the project's models on new gold tasks that have no suggestions yet (their copies need them for traps).</summary>
    async Task QueueSuggestionsAsync(WorkbenchDb db, IReadOnlyCollection<int> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0 || !preAnnotation.Enabled) return;
        var ids = await db.Tasks.Where(t => taskIds.Contains(t.Id) && db.Projects.Any(p => p.Id == t.ProjectId && p.PreAnnotate) &&
                                            !db.Suggestions.Any(s => s.TaskId == t.Id))
            .Select(t => t.Id).ToListAsync(ct);
        await preAnnotation.EnqueueAsync(ids, ct);
    }

    async Task SetAnswerAsync(WorkbenchDb db, LabelTask task, IReadOnlyList<RegionData> regions, string origin, string leadId, CancellationToken ct)
    {
        var existing = await db.GoldAnswers.FirstOrDefaultAsync(g => g.TaskId == task.Id, ct);
        if (existing is not null) db.GoldAnswers.Remove(existing);
        db.GoldAnswers.Add(new GoldAnswer { TaskId = task.Id, Regions = regions, Origin = origin, CreatedBy = leadId, CreatedAt = time.GetUtcNow().UtcDateTime });
        task.IsGold = true;
    }

    /// <summary>
    /// Creates the labeler's private copy of a gold task they have not done yet, leased to them, with the
    /// model's suggestions (some seeded with mistakes). Null when none is left for them.
    /// </summary>
    public static async Task<int?> LeaseCopyAsync(WorkbenchDb db, Project project, string userId, DateTime now, DateTime leaseExpires, Random rng, CancellationToken ct)
    {
        var done = db.Tasks.Where(c => c.GoldSourceTaskId != null && (c.LabeledBy == userId || c.LeasedBy == userId)).Select(c => c.GoldSourceTaskId);
        // A gold task still waiting for the models is not handed out yet: its copy would carry no suggestions, so no traps.
        var candidates = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == project.Id && t.IsGold && !done.Contains(t.Id) && db.GoldAnswers.Any(g => g.TaskId == t.Id) &&
                        t.PreAnnotation != PreAnnotationState.Queued)
            .Select(t => new { t.Id, t.ImageSha256, t.FileName, t.Image!.Width, t.Image.Height }).ToListAsync(ct);
        if (candidates.Count == 0) return null;
        var source = candidates[rng.Next(candidates.Count)];

        var copy = new LabelTask
        {
            ProjectId = project.Id, ImageSha256 = source.ImageSha256, FileName = source.FileName, GoldSourceTaskId = source.Id,
            LeasedAt = now, CreatedAt = now,
            PreAnnotation = PreAnnotationState.Done, PreAnnotatedAt = now,
        };
        copy.Apply(TaskLifecycle.NewGoldCopy(userId, new DateTimeOffset(now, TimeSpan.Zero), leaseExpires - now));
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.TaskId == source.Id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var regions = suggestions.Select(s => new RegionData(Guid.NewGuid(), s.Kind, s.ClassId, s.Points, s.Text,
            new Provenance(RegionSource.Model, null, s.ModelName, s.ModelVersion, s.Confidence), Pending: true)).ToList();
        var seeded = GoldTraps.Seed(regions, project.Quality.TrapsPerGoldTask, rng).Select(r => GoldTraps.ClampTo(r, source.Width, source.Height)).ToList();
        db.Tasks.Add(copy);
        await db.SaveChangesAsync(ct);
        var order = 1;
        foreach (var (region, original) in seeded.Zip(suggestions))
        {
            db.DraftRegions.Add(RegionJson.ToRow(region, copy.Id, order++, now));
            db.Suggestions.Add(new ModelSuggestion
            {
                Id = region.Id, TaskId = copy.Id, ModelName = original.ModelName, ModelVersion = original.ModelVersion,
                Kind = region.Kind, ClassId = region.ClassId, Points = region.Points, Text = region.Transcription,
                Confidence = original.Confidence, CharConfidences = original.CharConfidences, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }
}

/// <summary>One line of a gold-answer import, held to the editor's limits (<see cref="RegionRules"/>).</summary>
public sealed record GoldAnswerLine(string Image, IReadOnlyList<RegionData> Regions)
{
    public static (GoldAnswerLine? Line, string? Error) Parse(string json, IReadOnlyList<LabelClassInfo> classes)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.String)
                return (null, "expected an object with \"image\" and \"regions\".");
            if (!root.TryGetProperty("regions", out var list) || list.ValueKind != JsonValueKind.Array)
                return (null, "\"regions\" must be an array.");
            var regions = new List<RegionData>();
            var n = 0;
            foreach (var r in list.EnumerateArray())
            {
                n++;
                var label = r.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                var cls = classes.FirstOrDefault(c => string.Equals(c.Name, label, StringComparison.OrdinalIgnoreCase));
                if (cls is null) return (null, $"region {n}: unknown label '{label}'.");
                var text = r.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                if (n > RegionRules.MaxRegionsPerTask) return (null, $"more than {RegionRules.MaxRegionsPerTask:N0} regions.");
                if (text.Length > RegionRules.MaxTranscriptionLength) return (null, $"region {n}: the text is longer than {RegionRules.MaxTranscriptionLength:N0} characters.");
                var provenance = new Provenance(RegionSource.Reviewer, "gold-import");
                if (r.TryGetProperty("polygon", out var poly) && poly.ValueKind == JsonValueKind.Array)
                {
                    var points = poly.EnumerateArray().Select(p => new Point2(p[0].GetDouble(), p[1].GetDouble())).ToList();
                    if (points.Count is < 3 || points.Any(p => !p.IsFinite)) return (null, $"region {n}: a polygon needs 3 or more finite points.");
                    if (points.Count > RegionRules.MaxPolygonVertices) return (null, $"region {n}: a polygon may have at most {RegionRules.MaxPolygonVertices:N0} vertices, as in the editor.");
                    regions.Add(new RegionData(Guid.NewGuid(), GeometryKind.Polygon, cls.Id, points, text, provenance));
                }
                else if (r.TryGetProperty("box", out var box) && box.ValueKind == JsonValueKind.Array && box.GetArrayLength() == 4)
                {
                    var v = box.EnumerateArray().Select(x => x.GetDouble()).ToArray();
                    if (v.Any(x => !double.IsFinite(x)) || v[2] <= 0 || v[3] <= 0) return (null, $"region {n}: a box is [x, y, width, height] with a positive size.");
                    regions.Add(new RegionData(Guid.NewGuid(), GeometryKind.Box, cls.Id, [new(v[0], v[1]), new(v[0] + v[2], v[1] + v[3])], text, provenance));
                }
                else return (null, $"region {n}: give \"polygon\" or \"box\".");
            }
            if (RegionRules.CheckTaskTotals(regions.Count, regions.Sum(r => (long)r.Points.Count), regions.Sum(r => (long)r.Transcription.Length)) is { } overBudget)
                return (null, overBudget);
            return (new GoldAnswerLine(image.GetString()!, regions), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return (null, "not valid JSON of the expected shape.");
        }
    }
}
