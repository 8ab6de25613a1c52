using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Training;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Monitor;

/// <summary>Published when the monitor raises or clears a flag (dashboards).</summary>
public sealed record FlagChanged(int ProjectId, string LabelerId, ErrorCode Code, bool Raised, double Rate);

/// <summary>Pushed into the labeler's live session when a training module is assigned to them.</summary>
public sealed record TrainingPushed(int AssignmentId, int ProjectId, string LabelerId, ErrorCode Code, string Title, TrainingMode Mode);

/// <summary>
/// The quality monitor: consumes checks as they are stored, keeps a <see cref="QualityTracker"/> per project, and
/// acts on its decisions. A raised flag is stored, assigns the training module for the error type and pushes it
/// into the labeler's session (their QA sampling rises because the flag is open); a cleared flag records the rate
/// after. At start it rebuilds its state from the stored events and flags, so a restart forgets nothing.
/// </summary>
public sealed class QualityMonitor(
    QualityEventQueue queue, IDbContextFactory<WorkbenchDb> dbFactory, TrainingLibrary library,
    INotificationHub hub, TimeProvider time, ILogger<QualityMonitor> log) : BackgroundService
{
    readonly Dictionary<int, QualityTracker> trackers = [];
    int restoredUpTo;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await RestoreAsync(stoppingToken); }
        catch (OperationCanceledException) { return; }
        catch (Exception ex) { log.LogError(ex, "The quality monitor could not rebuild its state; it starts empty."); }

        await foreach (var check in queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Checks stored before the restore are already counted.
            if (check.CheckId <= restoredUpTo) continue;
            try { await ObserveAsync(check, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogError(ex, "The quality monitor failed on check {Check} of {Subject}", check.CheckId, check.SubjectId); }
        }
    }

    static bool CountsForLabeler(QualityCheckKind kind) => kind is QualityCheckKind.Gold or QualityCheckKind.Review;

    async Task ObserveAsync(CheckRecorded check, CancellationToken ct)
    {
        if (!CountsForLabeler(check.Kind)) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == check.ProjectId, ct);
        if (project is null) return;
        var tracker = Tracker(project.Id, project.Quality.Monitor);
        var changes = tracker.Observe(check.SubjectId, check.Tallies);
        var now = time.GetUtcNow().UtcDateTime;
        var pushes = new List<TrainingPushed>();
        foreach (var change in changes)
        {
            if (change.Decision == FlagDecision.Raise)
            {
                log.LogInformation("Flagged {Labeler} for {Code} in project {Project}: {Errors}/{Opportunities}, P(rate > threshold) = {P:F3}",
                    change.LabelerId, change.Code.Name(), project.Id, change.Window.Errors, change.Window.Opportunities, change.Estimate.ProbabilityAboveThreshold);
                var flag = new QualityFlag
                {
                    ProjectId = project.Id, LabelerId = change.LabelerId, Code = change.Code, RaisedAt = now,
                    RateAtRaise = change.Window.Rate, ProbabilityAtRaise = change.Estimate.ProbabilityAboveThreshold,
                    OpportunitiesAtRaise = change.Window.Opportunities,
                };
                db.QualityFlags.Add(flag);
                var module = library.For(change.Code);
                var alreadyOpen = await db.TrainingAssignments.AnyAsync(a => a.ProjectId == project.Id && a.LabelerId == change.LabelerId &&
                                                                            a.Code == change.Code && a.Status == TrainingStatus.Assigned, ct);
                if (module is not null && !alreadyOpen)
                {
                    var assignment = new TrainingAssignment
                    {
                        ProjectId = project.Id, LabelerId = change.LabelerId, Code = change.Code, ModuleId = module.Id,
                        Mode = project.Quality.TrainingMode, Status = TrainingStatus.Assigned, AssignedAt = now, RateBefore = change.Window.Rate,
                    };
                    db.TrainingAssignments.Add(assignment);
                    await db.SaveChangesAsync(ct);
                    assignment.FlagId = flag.Id;
                    pushes.Add(new TrainingPushed(assignment.Id, project.Id, change.LabelerId, change.Code, module.Title, assignment.Mode));
                }
            }
            else
            {
                var flag = await db.QualityFlags.Where(f => f.ProjectId == project.Id && f.LabelerId == change.LabelerId && f.Code == change.Code && f.ClearedAt == null)
                    .OrderByDescending(f => f.RaisedAt).FirstOrDefaultAsync(ct);
                if (flag is null) continue;
                flag.ClearedAt = now;
                flag.RateAtClear = change.Window.Rate;
                foreach (var a in await db.TrainingAssignments.Where(a => a.FlagId == flag.Id).ToListAsync(ct)) a.RateAfter = change.Window.Rate;
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var push in pushes) await hub.PublishAsync(push);
        foreach (var change in changes)
            await hub.PublishAsync(new FlagChanged(project.Id, change.LabelerId, change.Code, change.Decision == FlagDecision.Raise, change.Window.Rate));
    }

    QualityTracker Tracker(int projectId, MonitorPolicy policy)
    {
        if (!trackers.TryGetValue(projectId, out var tracker)) trackers[projectId] = tracker = new QualityTracker(policy);
        tracker.Policy = policy;
        return tracker;
    }

    /// <summary>Rebuilds every tracker: team tallies from all events, each window from the events since its last flag change.</summary>
    async Task RestoreAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        restoredUpTo = await db.QualityChecks.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var projects = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Quality.Monitor, ct);
        var flags = await db.QualityFlags.AsNoTracking().ToListAsync(ct);
        var lastChange = flags.GroupBy(f => (f.ProjectId, f.LabelerId, f.Code))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.RaisedAt).First());
        var events = await db.QualityEvents.AsNoTracking()
            .Where(e => e.CheckId <= restoredUpTo && (e.Kind == QualityCheckKind.Gold || e.Kind == QualityCheckKind.Review))
            .Select(e => new { e.ProjectId, e.SubjectId, e.Code, e.Errors, e.Opportunities, e.At, e.CheckId }).ToListAsync(ct);
        foreach (var group in events.GroupBy(e => (e.ProjectId, e.SubjectId, e.Code)))
        {
            if (!projects.TryGetValue(group.Key.ProjectId, out var policy)) continue;
            var tracker = Tracker(group.Key.ProjectId, policy);
            tracker.AddToTeam(new ErrorTally(group.Key.Code, group.Sum(e => e.Errors), group.Sum(e => e.Opportunities)));
            var flag = lastChange.GetValueOrDefault(group.Key);
            var since = flag is null ? DateTime.MinValue : flag.ClearedAt ?? flag.RaisedAt;
            var window = group.Where(e => e.At > since).OrderBy(e => e.CheckId).ToList();
            tracker.Restore(group.Key.SubjectId, new ErrorTally(group.Key.Code, window.Sum(e => e.Errors), window.Sum(e => e.Opportunities)),
                flag is { ClearedAt: null }, window.Select(e => e.CheckId).Distinct().Count(),
                window.Select(e => new ErrorTally(group.Key.Code, e.Errors, e.Opportunities)));
        }
        log.LogInformation("Quality monitor restored {Events} events from {Projects} projects", events.Count, trackers.Count);
    }
}
