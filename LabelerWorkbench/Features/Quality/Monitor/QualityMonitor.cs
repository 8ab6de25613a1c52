using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Training;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Monitor;



/// <summary>
/// The quality monitor: consumes checks as they are stored, keeps a <see cref="QualityTracker"/> per project, and
/// acts on its decisions. A raised flag is stored, assigns the training module for the error type and pushes it
/// into the labeler's session (their QA sampling and gold rate rise because the flag is open); a cleared flag
/// records the rate after and the evidence behind it. At start it replays the stored checks, so a restart
/// forgets nothing.
/// </summary>
public sealed class QualityMonitor(
    IQualityEventQueue queue, IDbContextFactory<WorkbenchDb> dbFactory, TrainingLibrary library,
    INotificationHub hub, TimeProvider time, ILogger<QualityMonitor> log) : BackgroundService
{
    readonly Dictionary<int, QualityTracker> trackers = [];
    int restoredUpTo;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await RestoreAsync(stoppingToken); }
        catch (OperationCanceledException) { return; }
        catch (Exception ex) { log.LogError(ex, "The quality monitor could not rebuild its state; it starts empty."); }

        await foreach (var check in queue.ReadAllAsync(stoppingToken))
        {
            // Checks stored before the restore are already counted.
            if (check.CheckId <= restoredUpTo) continue;
            try { await ObserveAsync(check, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogError(ex, "The quality monitor failed on check {Check} of {Subject}", check.CheckId, check.SubjectId); }
        }
    }

    async Task ObserveAsync(CheckRecorded check, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == check.ProjectId, ct);
        if (project is null) return;
        if (!trackers.TryGetValue(project.Id, out var tracker)) trackers[project.Id] = tracker = new QualityTracker(project.Quality.Monitor);
        tracker.Policy = project.Quality.Monitor;
        var changes = tracker.Observe(check.Evidence);
        var now = time.GetUtcNow().UtcDateTime;
        var pushes = new List<TrainingPushed>();
        foreach (var change in changes)
        {
            if (change.Decision == FlagDecision.Raise) pushes.AddRange(await RaiseAsync(db, project, change, now, ct));
            else await ClearAsync(db, project.Id, change, now, ct);
        }
        await db.SaveChangesAsync(ct);
        foreach (var push in pushes) await hub.PublishAsync(push);
        foreach (var change in changes)
            await hub.PublishAsync(new FlagChanged(project.Id, change.LabelerId, change.Code, change.Decision == FlagDecision.Raise, change.Recent.Mean));
    }

    async Task<IReadOnlyList<TrainingPushed>> RaiseAsync(WorkbenchDb db, Project project, FlagChange change, DateTime now, CancellationToken ct)
    {
        log.LogInformation("Flagged {Labeler} for {Code} in project {Project}: recent rate {Rate:P1} on {Opportunities:F0} opportunities, CUSUM {Statistic:F2}",
            change.LabelerId, change.Code.Name(), project.Id, change.Recent.Mean, change.Opportunities, change.Statistic);
        var flag = new QualityFlag
        {
            ProjectId = project.Id, LabelerId = change.LabelerId, Code = change.Code, RaisedAt = now,
            RateAtRaise = change.Recent.Mean, ProbabilityAtRaise = change.Recent.ProbabilityAboveThreshold,
            OpportunitiesAtRaise = (int)Math.Ceiling(change.Opportunities),
        };
        db.QualityFlags.Add(flag);
        var module = library.For(change.Code);
        var alreadyOpen = await db.TrainingAssignments.AnyAsync(a => a.ProjectId == project.Id && a.LabelerId == change.LabelerId &&
                                                                    a.Code == change.Code && a.Status == TrainingStatus.Assigned, ct);
        if (module is null || alreadyOpen) return [];
        var assignment = new TrainingAssignment
        {
            ProjectId = project.Id, LabelerId = change.LabelerId, Code = change.Code, ModuleId = module.Id,
            Mode = project.Quality.TrainingMode, Status = TrainingStatus.Assigned, AssignedAt = now, RateBefore = change.Recent.Mean,
        };
        db.TrainingAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        assignment.FlagId = flag.Id;
        return [new TrainingPushed(assignment.Id, project.Id, change.LabelerId, change.Code, module.Title, assignment.Mode)];
    }

    static async Task ClearAsync(WorkbenchDb db, int projectId, FlagChange change, DateTime now, CancellationToken ct)
    {
        var flag = await db.QualityFlags.Where(f => f.ProjectId == projectId && f.LabelerId == change.LabelerId && f.Code == change.Code && f.ClearedAt == null)
            .OrderByDescending(f => f.RaisedAt).FirstOrDefaultAsync(ct);
        if (flag is null) return;
        flag.ClearedAt = now;
        flag.RateAtClear = change.Recent.Mean;
        flag.OpportunitiesAtClear = change.Opportunities;
        foreach (var a in await db.TrainingAssignments.Where(a => a.FlagId == flag.Id).ToListAsync(ct))
        {
            a.RateAfter = change.Recent.Mean;
            a.OpportunitiesAfter = change.Opportunities;
        }
    }

    /// <summary>Rebuilds every project's tracker by replaying its stored checks (the same replay the views use).</summary>
    async Task RestoreAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        restoredUpTo = await db.QualityChecks.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var projects = await db.Projects.AsNoTracking().ToListAsync(ct);
        foreach (var project in projects)
            trackers[project.Id] = await QualityReplay.BuildAsync(db, project.Id, project.Quality.Monitor, restoredUpTo, ct: ct);
        log.LogInformation("Quality monitor restored {Checks} checks of {Projects} projects", restoredUpTo, trackers.Count);
    }
}
