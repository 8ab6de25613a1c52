using System.Collections.Concurrent;
using System.Threading.Channels;
using LabelerWorkbench.Data;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export;

/// <summary>Published as an export advances (at most once per percent) and when it ends.</summary>
public sealed record ExportProgressed(int JobId, int ProjectId, double Fraction, ExportJobStatus Status);

public sealed record ExportJobView(int Id, ExportOptions Options, string RequestedBy, DateTime CreatedAt, DateTime? FinishedAt,
    ExportJobStatus Status, double Fraction, int ItemCount, long ByteSize, string? Error);

/// <summary>
/// Exports run here, one at a time, off the request: a lead queues one and watches its progress bar. Jobs are
/// stored, so a job cut short by a restart runs again when the app comes back, and finished files stay downloadable.
/// </summary>
public sealed class ExportJobs(
    IDbContextFactory<WorkbenchDb> dbFactory, BlobStore blobs, DataPaths paths, INotificationHub hub,
    TimeProvider clock, ILogger<ExportJobs> log) : BackgroundService
{
    readonly Channel<int> queue = Channel.CreateBounded<int>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.Wait });
    readonly ConcurrentDictionary<int, double> running = new();

    public string FileOf(ExportJob job) => Path.Combine(paths.DataDirectory, "exports", $"{job.Id}{job.Options.FileExtension}");

    public async Task<int> QueueAsync(int projectId, ExportOptions options, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = new ExportJob
        {
            ProjectId = projectId, Format = options.Format, AcceptedOnly = options.AcceptedOnly, From = options.From, To = options.To,
            RequestedBy = userId, CreatedAt = clock.GetUtcNow().UtcDateTime, Status = ExportJobStatus.Queued,
        };
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await queue.Writer.WriteAsync(job.Id, ct);
        await hub.PublishAsync(new ExportProgressed(job.Id, projectId, 0, ExportJobStatus.Queued));
        return job.Id;
    }

    public async Task<IReadOnlyList<ExportJobView>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.ExportJobs.AsNoTracking().Where(j => j.ProjectId == projectId).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
        var names = await db.Users.Where(u => jobs.Select(j => j.RequestedBy).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        return jobs.Select(j => new ExportJobView(j.Id, j.Options, names.GetValueOrDefault(j.RequestedBy, j.RequestedBy), j.CreatedAt, j.FinishedAt,
            j.Status, j.Status == ExportJobStatus.Done ? 1 : running.GetValueOrDefault(j.Id), j.ItemCount, j.ByteSize, j.Error)).ToList();
    }

    public async Task<ExportJob?> FindAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            var unfinished = await db.ExportJobs.Where(j => j.Status == ExportJobStatus.Queued || j.Status == ExportJobStatus.Running)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stoppingToken);
            foreach (var id in unfinished) await queue.Writer.WriteAsync(id, stoppingToken);
        }
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RunAsync(id, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogError(ex, "Export {Job} failed", id); }
        }
    }

    async Task RunAsync(int jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.ExportJobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is ExportJobStatus.Done or ExportJobStatus.Failed) return;
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
        await db.SaveChangesAsync(CancellationToken.None);
        await hub.PublishAsync(new ExportProgressed(job.Id, job.ProjectId, job.Status == ExportJobStatus.Done ? 1 : 0, job.Status));
    }

}
