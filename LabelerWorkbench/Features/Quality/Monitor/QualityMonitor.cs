using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Training;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Monitor;



/// <summary>
/// The quality monitor: acts on every stored check once, keeps a <see cref="QualityTracker"/> per project, and acts on
/// its decisions. A raised flag is stored, assigns the training module for the error type and pushes it into the
/// labeler's session (their QA sampling and gold rate rise because the flag is open); a cleared flag records the rate
/// after and the evidence behind it.
/// <para>
/// One node plays the monitor at a time (<see cref="SingletonRoles"/>), so the per-labeler state never diverges between
/// nodes. Its queue is the database: the checks with no <see cref="QualityCheck.MonitoredAt"/>, taken in order. Each
/// check's decisions, its mark and the confirmation that this node still plays the monitor commit in one transaction,
/// so a flag is raised once and none is lost when a node dies: the next monitor rebuilds the state from the checks
/// already acted on and goes on with the rest.
/// </para>
/// </summary>
public sealed class QualityMonitor(
    IDbContextFactory<WorkbenchDb> dbFactory, SingletonRoles roles, TrainingLibrary library,
    INotificationHub hub, TimeProvider time, ILogger<QualityMonitor> log) : BackgroundService
{
    public const string Role = "quality-monitor";
    /// <summary>How long the role outlives its node: a dead monitor is replaced after this.</summary>
    static readonly TimeSpan Term = TimeSpan.FromSeconds(10);
    /// <summary>How often it looks for checks without being woken, and renews the role.</summary>
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    const int Batch = 200;

    readonly Dictionary<int, QualityTracker> trackers = [];
    readonly Dictionary<int, int> failures = [];
    bool playing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var wake = new SemaphoreSlim(0);
        using var subscription = hub.Subscribe<QualityCheckStored>(_ =>
        {
            if (wake.CurrentCount == 0) wake.Release();
            return Task.CompletedTask;
        });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var acted = 0;
                try { acted = await RoundAsync(stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                catch (Exception ex)
                {
                    log.LogError(ex, "The quality monitor failed a round; it rebuilds its state and goes on");
                    Stop();
                }
                if (acted < Batch) await wake.WaitAsync(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            if (playing) await roles.ReleaseAsync(Role);
        }
    }

    /// <returns>How many checks it acted on.</returns>
    async Task<int> RoundAsync(CancellationToken ct)
    {
        if (!await roles.TryHoldAsync(Role, Term, ct))
        {
            if (playing) log.LogWarning("Node {Node} no longer plays the quality monitor", roles.NodeName);
            Stop();
            return 0;
        }
        if (!playing)
        {
            await RestoreAsync(ct);
            playing = true;
        }
        List<QualityCheck> waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            waiting = await db.QualityChecks.AsNoTracking().Include(c => c.Events)
                .Where(c => c.MonitoredAt == null).OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
        }
        foreach (var check in waiting)
        {
            bool stillPlaying;
            try { stillPlaying = await ObserveAsync(QualityRecords.Recorded(check), ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The tracker may hold what the failed transaction did not: rebuild it. A check that fails every time
                // is passed over after a few tries rather than stopping the monitor for everyone after it.
                log.LogError(ex, "The quality monitor failed on check {Check} of {Subject}", check.Id, check.SubjectId);
                if (failures.GetValueOrDefault(check.Id) + 1 >= 3) await PassOverAsync(check.Id, ct);
                else failures[check.Id] = failures.GetValueOrDefault(check.Id) + 1;
                Stop();
                break;
            }
            if (!stillPlaying)
            {
                log.LogWarning("Node {Node} lost the quality monitor to another node mid-round", roles.NodeName);
                Stop();
                break;
            }
        }
        return waiting.Count;
    }

    async Task PassOverAsync(int checkId, CancellationToken ct)
    {
        failures.Remove(checkId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.QualityChecks.Where(c => c.Id == checkId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MonitoredAt, now), ct);
        log.LogError("The quality monitor passed over check {Check} after 3 failures; it still counts in the rates", checkId);
    }

    void Stop()
    {
        playing = false;
        trackers.Clear();
    }

    /// <returns>False if this node no longer plays the monitor (nothing was written).</returns>
    async Task<bool> ObserveAsync(CheckRecorded check, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await roles.ConfirmAsync(db, Role, Term, ct)) return false;
        var now = time.GetUtcNow().UtcDateTime;
        var marked = await db.QualityChecks.Where(c => c.Id == check.CheckId && c.MonitoredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MonitoredAt, now), ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == check.ProjectId, ct);
        if (marked == 0 || project is null)
        {
            await transaction.CommitAsync(ct);
            return true;
        }
        if (!trackers.TryGetValue(project.Id, out var tracker)) trackers[project.Id] = tracker = new QualityTracker(project.Quality.Monitor);
        tracker.Policy = project.Quality.Monitor;
        var changes = tracker.Observe(check.Evidence);
        var pushes = new List<TrainingPushed>();
        foreach (var change in changes)
        {
            if (change.Decision == FlagDecision.Raise) pushes.AddRange(await RaiseAsync(db, project, change, now, ct));
            else await ClearAsync(db, project.Id, change, now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var push in pushes) await hub.PublishAsync(push);
        foreach (var change in changes)
            await hub.PublishAsync(new FlagChanged(project.Id, change.LabelerId, change.Code, change.Decision == FlagDecision.Raise, change.Recent.Mean));
        return true;
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

    /// <summary>Rebuilds every project's tracker by replaying the checks already acted on (the same replay the views use).</summary>
    async Task RestoreAsync(CancellationToken ct)
    {
        trackers.Clear();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.AsNoTracking().ToListAsync(ct);
        foreach (var project in projects)
            trackers[project.Id] = await QualityReplay.BuildAsync(db, project.Id, project.Quality.Monitor, ct: ct, monitoredOnly: true);
        log.LogInformation("Node {Node} plays the quality monitor: state rebuilt for {Projects} projects", roles.NodeName, trackers.Count);
    }
}
