using System.Collections.Concurrent;
using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export;

/// <summary>Published as an export advances (at most once per percent) and when it ends.</summary>
public sealed record ExportProgressed(int JobId, int ProjectId, double Fraction, ExportJobStatus Status);

public sealed record ExportJobView(int Id, ExportOptions Options, string RequestedBy, DateTime CreatedAt, DateTime? FinishedAt,
    ExportJobStatus Status, double Fraction, int ItemCount, long ByteSize, string? Error);

/// <summary>
/// Exports run off the request, one at a time per node (<see cref="ExportWorker"/>): a lead queues one and watches its
/// progress bar. Jobs are stored and queued in the database, so a job cut short by a stop or a dead node runs again
/// (on any node), and finished files (in the shared data directory) stay downloadable from every node.
/// </summary>
public sealed class ExportJobs : IDisposable
{
    readonly IDbContextFactory<WorkbenchDb> dbFactory;
    readonly BlobStore blobs;
    readonly DataPaths paths;
    readonly INotificationHub hub;
    readonly WorkQueue work;
    readonly TimeProvider clock;
    readonly ILogger<ExportJobs> log;
    readonly IDisposable progressFeed;
    // How far each running export is, on whichever node runs it: fed by the progress events every node receives.
    readonly ConcurrentDictionary<int, double> running = new();

    public ExportJobs(IDbContextFactory<WorkbenchDb> dbFactory, BlobStore blobs, DataPaths paths, INotificationHub hub, WorkQueue work,
        TimeProvider clock, ILogger<ExportJobs> log)
    {
        (this.dbFactory, this.blobs, this.paths, this.hub, this.work, this.clock, this.log) = (dbFactory, blobs, paths, hub, work, clock, log);
        progressFeed = hub.Subscribe<ExportProgressed>(p =>
        {
            if (p.Status == ExportJobStatus.Running) running[p.JobId] = p.Fraction;
            else running.TryRemove(p.JobId, out _);
            return Task.CompletedTask;
        });
    }

    public void Dispose() => progressFeed.Dispose();

    public string FileOf(ExportJob job) => Path.Combine(paths.DataDirectory, "exports", $"{job.Id}{job.Options.FileExtension}");

    public async Task<int> QueueAsync(int projectId, ExportOptions options, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = new ExportJob
        {
            ProjectId = projectId, Format = options.Format, AcceptedOnly = options.AcceptedOnly, From = options.From, To = options.To,
            RequestedBy = userId, CreatedAt = clock.GetUtcNow().UtcDateTime, Status = ExportJobStatus.Queued,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            await WorkQueue.AddAsync(db, WorkQueues.Export, [job.Id], job.CreatedAt, ct);
            await transaction.CommitAsync(ct);
        }
        await work.WakeAsync(WorkQueues.Export);
        await hub.PublishAsync(new ExportProgressed(job.Id, projectId, 0, ExportJobStatus.Queued));
        return job.Id;
    }

    public async Task<IReadOnlyList<ExportJobView>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.ExportJobs.AsNoTracking().Where(j => j.ProjectId == projectId).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
        var names = await db.Users.Where(u => jobs.Select(j => j.RequestedBy).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        return jobs.Select(j => new ExportJobView(j.Id, j.Options, names.GetValueOrDefault(j.RequestedBy, j.RequestedBy), j.CreatedAt, j.FinishedAt,
            j.Status, j.Status == ExportJobStatus.Done ? 1 : j.Status == ExportJobStatus.Running ? running.GetValueOrDefault(j.Id) : 0, j.ItemCount, j.ByteSize, j.Error)).ToList();
    }

    public async Task<ExportJob?> FindAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
    }

    /// <summary>Runs the export of a queued job; its result and the queue job's completion commit together.</summary>
    internal async Task RunAsync(JobClaim claim, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.ExportJobs.FirstOrDefaultAsync(j => j.Id == claim.Subject, ct);
        if (job is null || job.Status is ExportJobStatus.Done or ExportJobStatus.Failed)
        {
            await WorkQueue.CompleteAsync(db, claim, ct);
            return;
        }
        job.Status = ExportJobStatus.Running;
        await db.SaveChangesAsync(ct);
        running[job.Id] = 0;
        var lastPercent = -1;
        try
        {
            var source = await DbExportSource.OpenAsync(dbFactory, blobs, job.ProjectId, job.Options, ct);
            var progress = new SyncProgress<double>(fraction =>
            {
                running[job.Id] = fraction;
                var percent = (int)(fraction * 100);
                if (percent == lastPercent) return;
                lastPercent = percent;
                _ = hub.PublishAsync(new ExportProgressed(job.Id, job.ProjectId, fraction, ExportJobStatus.Running));
            });
            var file = FileOf(job);
            await Exporter.WriteFileAsync(source, job.Format, file, progress, ct);
            job.Status = ExportJobStatus.Done;
            job.ItemCount = source.Count;
            job.ByteSize = new FileInfo(file).Length;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Export {Job} of project {Project} failed", job.Id, job.ProjectId);
            job.Status = ExportJobStatus.Failed;
            job.Error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        }
        finally { running.TryRemove(job.Id, out _); }
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            // Another node took the job over (this one stalled past its lease): its run is the one that counts.
            if (!await WorkQueue.CompleteAsync(db, claim, CancellationToken.None)) return;
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        await hub.PublishAsync(new ExportProgressed(job.Id, job.ProjectId, job.Status == ExportJobStatus.Done ? 1 : 0, job.Status));
    }

    /// <summary>Records a job given up (its node died on each try) as failed.</summary>
    internal async Task GiveUpAsync(JobClaim claim, int attempts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await WorkQueue.CompleteAsync(db, claim, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ExportJobs.Where(j => j.Id == claim.Subject).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ExportJobStatus.Failed).SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.Error, $"Given up: the export stopped its server on each of {attempts} tries."), ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>Works the export queue on this node, one export at a time.</summary>
public sealed class ExportWorker(WorkQueue queue, ExportJobs exports, INotificationHub hub, ILogger<ExportWorker> log) : QueueWorker(queue, hub, log)
{
    protected override string Queue => WorkQueues.Export;
    protected override Task RunAsync(JobClaim job, CancellationToken ct) => exports.RunAsync(job, ct);
    protected override Task GiveUpAsync(JobClaim job, CancellationToken ct) => exports.GiveUpAsync(job, MaxAttempts, ct);
}
