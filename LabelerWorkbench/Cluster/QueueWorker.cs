using LabelerWorkbench.Live;

namespace LabelerWorkbench.Cluster;

/// <summary>
/// Works one database queue on this node, a job at a time: takes a job, keeps its lease alive while it runs, and
/// looks for the next when woken (<see cref="WorkQueued"/>, from any node) or every <see cref="PollInterval"/>.
/// A job that failed on every one of <see cref="MaxAttempts"/> takes (its node died each time) is given up.
/// </summary>
public abstract class QueueWorker(WorkQueue queue, INotificationHub hub, ILogger log) : BackgroundService
{
    protected abstract string Queue { get; }
    protected virtual TimeSpan Lease => TimeSpan.FromSeconds(60);
    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);
    protected virtual int MaxAttempts => 5;

    /// <summary>Does the job and completes it (<see cref="WorkQueue.CompleteAsync"/>) in the transaction that stores its result.</summary>
    protected abstract Task RunAsync(JobClaim job, CancellationToken ct);

    /// <summary>Records that the job was given up after <see cref="MaxAttempts"/> takes, and completes it.</summary>
    protected abstract Task GiveUpAsync(JobClaim job, CancellationToken ct);

    /// <summary>Whether this node works the queue at all.</summary>
    protected virtual Task<bool> EnabledAsync(CancellationToken ct) => Task.FromResult(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await EnabledAsync(stoppingToken)) return;
        using var wake = new SemaphoreSlim(0);
        using var subscription = hub.Subscribe<WorkQueued>(m =>
        {
            if (m.Queue == Queue && wake.CurrentCount == 0) wake.Release();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            JobClaim? job = null;
            try
            {
                job = await queue.TryTakeAsync(Queue, Lease, stoppingToken);
                if (job is null)
                {
                    await wake.WaitAsync(PollInterval, stoppingToken);
                    continue;
                }
                await RunHeldAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (job is not null) await queue.ReleaseAsync(job);
                return;
            }
            catch (Exception ex)
            {
                // Left to its lease: it is taken again when the lease runs out (the database may be back by then).
                log.LogError(ex, "The {Queue} worker failed on job {Job}", Queue, job?.Subject);
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    async Task RunHeldAsync(JobClaim job, CancellationToken stoppingToken)
    {
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = KeepLeaseAsync(job, stopHeartbeat.Token);
        try
        {
            if (job.Attempts > MaxAttempts) await GiveUpAsync(job, stoppingToken);
            else await RunAsync(job, stoppingToken);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }
    }

    async Task KeepLeaseAsync(JobClaim job, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, ct);
                if (!await queue.RenewAsync(job, Lease, ct))
                {
                    log.LogWarning("Job {Job} of {Queue} was taken by another node while this one worked on it", job.Subject, Queue);
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { log.LogWarning(ex, "Could not renew the lease of job {Job} of {Queue}", job.Subject, Queue); }
    }
}
