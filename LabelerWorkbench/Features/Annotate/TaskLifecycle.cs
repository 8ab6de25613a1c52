namespace LabelerWorkbench.Features.Annotate;

public enum LabelTaskStatus
{
    /// <summary>Waiting in the queue for a labeler.</summary>
    Ready = 0,
    /// <summary>Held by one labeler until the lease expires.</summary>
    Leased = 1,
    /// <summary>A revision was frozen; waiting for quality checks.</summary>
    Submitted = 2,
    Accepted = 3,
    /// <summary>Sampled for QA and routed to a reviewer.</summary>
    InReview = 4,
    /// <summary>Rejected by a reviewer: back with its labeler, who alone may lease it.</summary>
    Returned = 5,
}

/// <summary>The part of a task the life-cycle rules look at.</summary>
public sealed record TaskLeaseState(LabelTaskStatus Status, string? LeasedBy, DateTimeOffset? LeaseExpiresAt);

public sealed record LifecycleResult(bool Ok, TaskLeaseState State, string? Error = null)
{
    public static LifecycleResult Fail(TaskLeaseState state, string error) => new(false, state, error);
}

/// <summary>
/// The task status machine and the lease rules, free of storage concerns.
/// The database query that picks the next task mirrors <see cref="IsLeasable"/>; both are tested.
/// </summary>
public static class TaskLifecycle
{
    public static bool IsLeaseExpired(TaskLeaseState s, DateTimeOffset now) =>
        s.Status == LabelTaskStatus.Leased && (s.LeaseExpiresAt is null || s.LeaseExpiresAt <= now);

    /// <summary>A task can be leased when it is ready, or when its lease ran out (the task returns to the queue).</summary>
    public static bool IsLeasable(TaskLeaseState s, DateTimeOffset now) =>
        s.Status == LabelTaskStatus.Ready || IsLeaseExpired(s, now);

    /// <summary>A returned task waits for the labeler it was returned to (recorded in <see cref="TaskLeaseState.LeasedBy"/>).</summary>
    public static bool IsReturnedTo(TaskLeaseState s, string user) =>
        s.Status == LabelTaskStatus.Returned && s.LeasedBy == user;

    /// <summary>True when <paramref name="user"/> may edit the task now: they hold it, or held it and nobody took it since.</summary>
    public static bool IsHeldBy(TaskLeaseState s, string user) =>
        s.Status == LabelTaskStatus.Leased && s.LeasedBy == user;

    public static LifecycleResult Lease(TaskLeaseState s, string user, DateTimeOffset now, TimeSpan duration)
    {
        if (IsHeldBy(s, user) || IsReturnedTo(s, user))
            return new(true, new TaskLeaseState(LabelTaskStatus.Leased, user, now + duration));
        if (!IsLeasable(s, now))
            return LifecycleResult.Fail(s, s.Status == LabelTaskStatus.Leased
                ? "The task is being labeled by someone else."
                : $"The task is {s.Status.ToString().ToLowerInvariant()} and cannot be leased.");
        return new(true, new TaskLeaseState(LabelTaskStatus.Leased, user, now + duration));
    }

    /// <summary>Saving an edit renews the lease, as long as nobody else has taken the task meanwhile.</summary>
    public static LifecycleResult Renew(TaskLeaseState s, string user, DateTimeOffset now, TimeSpan duration) =>
        IsHeldBy(s, user)
            ? new(true, s with { LeaseExpiresAt = now + duration })
            : LifecycleResult.Fail(s, LostLeaseMessage(s));

    public static LifecycleResult Submit(TaskLeaseState s, string user) =>
        IsHeldBy(s, user)
            ? new(true, new TaskLeaseState(LabelTaskStatus.Submitted, null, null))
            : LifecycleResult.Fail(s, LostLeaseMessage(s));

    /// <summary>The labeler hands the task back without submitting.</summary>
    public static LifecycleResult Release(TaskLeaseState s, string user) =>
        IsHeldBy(s, user)
            ? new(true, new TaskLeaseState(LabelTaskStatus.Ready, null, null))
            : LifecycleResult.Fail(s, LostLeaseMessage(s));

    static string LostLeaseMessage(TaskLeaseState s) => s.Status switch
    {
        LabelTaskStatus.Leased => "Your lease on this task has ended and another labeler holds it now.",
        LabelTaskStatus.Ready => "Your lease on this task has ended; start it again from the queue.",
        LabelTaskStatus.InReview => "The task is already submitted and with a reviewer.",
        LabelTaskStatus.Returned => "The task was returned to the labeler who submitted it.",
        _ => $"The task is already {s.Status.ToString().ToLowerInvariant()}.",
    };
}
