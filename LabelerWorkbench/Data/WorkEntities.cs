namespace LabelerWorkbench.Data;

/// <summary>
/// One job waiting in a database work queue (pre-annotating a task, running an export). Any node's worker takes it
/// by writing its name and a lease expiry; it is deleted in the same transaction that stores its result, so it is done
/// exactly once. A node that dies leaves the lease to expire, and the job is taken again.
/// </summary>
public sealed class QueuedJob
{
    public long Id { get; set; }
    /// <summary>Which queue: <see cref="WorkQueues"/>.</summary>
    public required string Queue { get; set; }
    /// <summary>What to work on: a task id, an export job id.</summary>
    public int Subject { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The node working on it, while its lease runs.</summary>
    public string? Holder { get; set; }
    public DateTime? LeaseUntil { get; set; }
    /// <summary>How many times a worker took it: a job that keeps killing its node is given up.</summary>
    public int Attempts { get; set; }
}

/// <summary>
/// A role only one node may play at a time (the quality monitor, the webhook dispatcher): the node named in
/// <see cref="Holder"/> plays it until <see cref="ExpiresAt"/>, renewing as it goes; when it stops renewing another
/// node takes over. <see cref="Epoch"/> counts the hand-overs.
/// </summary>
public sealed class ServiceLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public long Epoch { get; set; }
    public DateTime ExpiresAt { get; set; }
}
