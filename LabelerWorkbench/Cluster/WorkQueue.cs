using LabelerWorkbench.Data;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Cluster;

/// <summary>The names of the database work queues.</summary>
public static class WorkQueues
{
    public const string PreAnnotation = "preannotate";
    public const string Export = "export";
}

/// <summary>Published when jobs were queued, so idle workers on every node look now rather than at their next poll.</summary>
public sealed record WorkQueued(string Queue);

/// <summary>A job a worker on this node has taken, until it completes it or its lease runs out.</summary>
public sealed record JobClaim(long Id, string Queue, int Subject, int Attempts, string Holder);

/// <summary>
/// Work queues in the database (<see cref="QueuedJob"/> rows): any node's worker takes a job exactly once. Taking is
/// one UPDATE … RETURNING of the oldest job whose lease is free or expired; on PostgreSQL its row is picked
/// <c>FOR UPDATE SKIP LOCKED</c>, so workers on several nodes never wait on each other's pick; on SQLite the database's
/// single writer makes the same statement atomic. A job is completed by deleting its row in the transaction that
/// stores its result, and only while this node still holds it.
/// </summary>
public sealed class WorkQueue(IDbContextFactory<WorkbenchDb> dbFactory, NodeIdentity node, INotificationHub hub)
{
    /// <summary>Adds jobs for <paramref name="subjects"/> on <paramref name="db"/> (in the caller's transaction, if any); a subject already waiting is not added twice.</summary>
    public static async Task AddAsync(WorkbenchDb db, string queue, IEnumerable<int> subjects, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in subjects.Distinct().Chunk(400))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{0}}, {{{i + 2}}}, {{1}}, 0)"));
            object[] args = [queue, now, .. chunk.Cast<object>()];
            // Only numbered parameters are spliced in; every value is a parameter.
            var sql = $"""INSERT INTO "QueuedJobs" ("Queue", "Subject", "CreatedAt", "Attempts") VALUES {values} ON CONFLICT ("Queue", "Subject") DO NOTHING""";
            await db.Database.ExecuteSqlRawAsync(sql, args, ct);
        }
    }

    /// <summary>Wakes the workers of <paramref name="queue"/> on every node.</summary>
    public Task WakeAsync(string queue) => hub.PublishAsync(new WorkQueued(queue));

    /// <summary>Takes the oldest free job of <paramref name="queue"/> for <paramref name="lease"/>, or returns null when there is none.</summary>
    public async Task<JobClaim?> TryTakeAsync(string queue, TimeSpan lease, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE "QueuedJobs" SET "Holder" = {0}, "LeaseUntil" = {1}, "Attempts" = "Attempts" + 1
            WHERE "Id" = (SELECT "Id" FROM "QueuedJobs" WHERE "Queue" = {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {3})
                          ORDER BY "Id" LIMIT 1 {{skipLocked}})
            RETURNING "Id", "Subject", "Attempts"
            """;
        var rows = await db.Database.SqlQueryRaw<TakenRow>(sql, node.Name, now + lease, queue, now).ToListAsync(ct);
        return rows is [var row] ? new JobClaim(row.Id, queue, row.Subject, row.Attempts, node.Name) : null;
    }

    /// <summary>Extends the lease of a job still held; false if another node has taken it meanwhile.</summary>
    public async Task<bool> RenewAsync(JobClaim claim, TimeSpan lease, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = DateTime.UtcNow + lease;
        return await db.QueuedJobs.Where(j => j.Id == claim.Id && j.Holder == claim.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), ct) == 1;
    }

    /// <summary>
    /// Completes the job on <paramref name="db"/>, inside the transaction that stores its result. False if this node
    /// no longer holds it (its lease ran out and another node took it): the caller must roll back.
    /// </summary>
    public static async Task<bool> CompleteAsync(WorkbenchDb db, JobClaim claim, CancellationToken ct) =>
        await db.QueuedJobs.Where(j => j.Id == claim.Id && j.Holder == claim.Holder).ExecuteDeleteAsync(ct) == 1;

    /// <summary>Hands a job back at once (this node is stopping): another node need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(JobClaim claim)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.QueuedJobs.Where(j => j.Id == claim.Id && j.Holder == claim.Holder).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Holder, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1));
    }

    sealed record TakenRow(long Id, int Subject, int Attempts);
}
