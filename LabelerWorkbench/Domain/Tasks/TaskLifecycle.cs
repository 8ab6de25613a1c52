namespace LabelerWorkbench.Domain.Tasks;

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
/// The task state machine, free of storage concerns: every change of a task's status is one of these transitions
/// (lease, renew, submit, release, send to review, accept, return, import an answer, make gold, a gold copy).
/// Storage applies the resulting <see cref="TaskLeaseState"/>; nothing else sets a status. The database query that
/// picks the next task mirrors <see cref="IsLeasable"/>; both are tested.
/// </summary>
///
/// <remarks>Ready → Leased → Submitted → (InReview → (Accepted | Returned → Leased …) | Accepted); Ready → Accepted by an imported answer.</remarks>
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

    /// <summary>A submitted task sampled for QA goes to a reviewer.</summary>
    public static LifecycleResult SendToReview(TaskLeaseState s) =>
        s.Status == LabelTaskStatus.Submitted
            ? new(true, new TaskLeaseState(LabelTaskStatus.InReview, null, null))
            : LifecycleResult.Fail(s, $"Only a submitted task can go to review; this one is {Name(s)}.");

    /// <summary>A submitted task not sampled, or a reviewed one a reviewer accepted, is done (it completes: exports, webhooks).</summary>
    public static LifecycleResult Accept(TaskLeaseState s) =>
        s.Status is LabelTaskStatus.Submitted or LabelTaskStatus.InReview
            ? new(true, new TaskLeaseState(LabelTaskStatus.Accepted, null, null))
            : LifecycleResult.Fail(s, $"Only a submitted or reviewed task can be accepted; this one is {Name(s)}.");

    /// <summary>A reviewer rejects: the task goes back to the labeler who submitted it, who alone may take it up.</summary>
    public static LifecycleResult Return(TaskLeaseState s, string labeler) =>
        s.Status == LabelTaskStatus.InReview
            ? new(true, new TaskLeaseState(LabelTaskStatus.Returned, labeler, null))
            : LifecycleResult.Fail(s, $"Only a task in review can be returned; this one is {Name(s)}.");

    /// <summary>A lead imports the answer of a task nobody is working on: it becomes (or stays) accepted.</summary>
    public static LifecycleResult ImportAnswer(TaskLeaseState s) =>
        s.Status is LabelTaskStatus.Ready or LabelTaskStatus.Accepted
            ? new(true, new TaskLeaseState(LabelTaskStatus.Accepted, null, null))
            : LifecycleResult.Fail(s, "is being labeled or reviewed; import its answer when it is done.");

    /// <summary>Only an accepted task can become gold: its accepted revision is the answer. The status does not change.</summary>
    public static LifecycleResult MakeGold(TaskLeaseState s) =>
        s.Status == LabelTaskStatus.Accepted
            ? new(true, s)
            : LifecycleResult.Fail(s, "Only an accepted task can become gold: its accepted revision is the answer.");

    /// <summary>
    /// A lead gives a task nobody has submitted yet to <paramref name="labeler"/>: a returned task waits for them
    /// instead; a ready or leased one is leased to them (the lead's choice wins over a running lease). An
    /// assignment is a lease like any other: left alone past its time, the task goes back to the queue.
    /// </summary>
    public static LifecycleResult Assign(TaskLeaseState s, string labeler, DateTimeOffset now, TimeSpan duration) => s.Status switch
    {
        LabelTaskStatus.Returned => new(true, new TaskLeaseState(LabelTaskStatus.Returned, labeler, null)),
        LabelTaskStatus.Ready or LabelTaskStatus.Leased => new(true, new TaskLeaseState(LabelTaskStatus.Leased, labeler, now + duration)),
        _ => LifecycleResult.Fail(s, $"It is {Name(s)}: its work is submitted; return it to a labeler instead."),
    };

    /// <summary>A lead sends submitted work (even accepted work) back to the labeler who submitted it.</summary>
    public static LifecycleResult ReturnByLead(TaskLeaseState s, string labeler) =>
        s.Status is LabelTaskStatus.Submitted or LabelTaskStatus.InReview or LabelTaskStatus.Accepted
            ? new(true, new TaskLeaseState(LabelTaskStatus.Returned, labeler, null))
            : LifecycleResult.Fail(s, $"It is {Name(s)}: only submitted, reviewed or accepted work can be returned.");

    /// <summary>A lead asks for a review of submitted or accepted work (a second look at accepted work).</summary>
    public static LifecycleResult SendToReviewByLead(TaskLeaseState s) =>
        s.Status is LabelTaskStatus.Submitted or LabelTaskStatus.Accepted
            ? new(true, new TaskLeaseState(LabelTaskStatus.InReview, null, null))
            : LifecycleResult.Fail(s, $"It is {Name(s)}: only submitted or accepted work can go to review.");

    /// <summary>A labeler's private copy of a gold task starts leased to them.</summary>
    public static TaskLeaseState NewGoldCopy(string user, DateTimeOffset now, TimeSpan duration) =>
        new(LabelTaskStatus.Leased, user, now + duration);

    /// <summary>A labeler's replica of an overlap task starts leased to them.</summary>
    public static TaskLeaseState NewReplica(string user, DateTimeOffset now, TimeSpan duration) =>
        new(LabelTaskStatus.Leased, user, now + duration);

    /// <summary>
    /// An overlap task whose replicas are in (or whose deadline passed) takes their merge as its revision: a disputed
    /// merge goes to a reviewer, an agreed one is accepted (it completes). Only a task collecting replicas (ready) merges.
    /// </summary>
    public static LifecycleResult CompleteMerge(TaskLeaseState s, bool disputed) =>
        s.Status == LabelTaskStatus.Ready
            ? new(true, new TaskLeaseState(disputed ? LabelTaskStatus.InReview : LabelTaskStatus.Accepted, null, null))
            : LifecycleResult.Fail(s, $"Only an overlap task collecting replicas can take their merge; this one is {Name(s)}.");

    /// <summary>A labeler's submitted replica is done as far as they are concerned: its task's merge decides the rest.</summary>
    public static LifecycleResult SubmitReplica(TaskLeaseState s) =>
        s.Status == LabelTaskStatus.Submitted
            ? new(true, new TaskLeaseState(LabelTaskStatus.Accepted, null, null))
            : LifecycleResult.Fail(s, $"Only a submitted replica can be set aside for the merge; this one is {Name(s)}.");

    /// <summary>An unfinished replica whose task's deadline passed: its lease ends and it is not counted.</summary>
    public static TaskLeaseState ExpireReplica() => new(LabelTaskStatus.Ready, null, null);

    static string Name(TaskLeaseState s) => s.Status switch
    {
        LabelTaskStatus.InReview => "in review",
        _ => s.Status.ToString().ToLowerInvariant(),
    };

    static string LostLeaseMessage(TaskLeaseState s) => s.Status switch
    {
        LabelTaskStatus.Leased => "Your lease on this task has ended and another labeler holds it now.",
        LabelTaskStatus.Ready => "Your lease on this task has ended; start it again from the queue.",
        LabelTaskStatus.InReview => "The task is already submitted and with a reviewer.",
        LabelTaskStatus.Returned => "The task was returned to the labeler who submitted it.",
        _ => $"The task is already {s.Status.ToString().ToLowerInvariant()}.",
    };
}

/// <summary>Where a task stands with the models.</summary>
public enum PreAnnotationState { NotRequested = 0, Queued = 1, Done = 2, Failed = 3 }

/// <summary>What a labeler did with one model suggestion.</summary>
public enum SuggestionOutcomeKind { Kept = 0, Edited = 1, Deleted = 2 }
