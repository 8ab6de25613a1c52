namespace LabelerWorkbench.Domain.Consensus;

/// <summary>Which tasks go to several labelers.</summary>
public enum OverlapMode
{
    Off = 0,
    /// <summary>A fixed share of the tasks, chosen by task id (the same tasks whoever asks).</summary>
    Share = 1,
    All = 2,
    /// <summary>The tasks the monitor picks: those first taken by a newcomer or a flagged labeler, or that the models read with low confidence.</summary>
    MonitorPicked = 3,
}

/// <summary>What the monitor knows when a task is first leased, for <see cref="OverlapMode.MonitorPicked"/>.</summary>
/// <param name="LowModelConfidence">The models' suggestions for the task are, on average, below the low-confidence mark.</param>
public sealed record OverlapSignals(bool Newcomer, bool Flagged, bool LowModelConfidence);

/// <summary>
/// The project's overlap policy: which tasks are labeled by <see cref="Replicas"/> labelers independently, how long the
/// replicas are waited for, and under which agreement a merged task goes to a reviewer.
/// </summary>
public sealed record OverlapPolicy(OverlapMode Mode, double Share, int Replicas, double DeadlineHours, double AgreementThreshold)
{
    public const int MinReplicas = 2, MaxReplicas = 5;
    public static readonly OverlapPolicy Off = new(OverlapMode.Off, 0.1, 3, 24, 0.8);

    /// <summary>A region is kept when a strict majority of the replicas that came in drew it.</summary>
    public static int QuorumOf(int replicasIn) => replicasIn / 2 + 1;

    public TimeSpan Deadline => TimeSpan.FromHours(DeadlineHours);

    /// <summary>Whether the task, leased for the first time, goes to several labelers.</summary>
    public bool Applies(int taskId, OverlapSignals signals) => Mode switch
    {
        OverlapMode.All => true,
        OverlapMode.Share => ShareBucket(taskId) < Share,
        OverlapMode.MonitorPicked => signals.Newcomer || signals.Flagged || signals.LowModelConfidence,
        _ => false,
    };

    /// <summary>A stable, well-spread number in [0, 1) per task id, so a share picks the same tasks on every node and run.</summary>
    public static double ShareBucket(int taskId)
    {
        var x = (uint)taskId * 2654435761u;   // Knuth's multiplicative hash
        x ^= x >> 16;
        return x / 4294967296.0;
    }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode)) problems.Add("Overlap mode is not one of off, share, all, monitor-picked.");
        if (!(Share >= 0 && Share <= 1)) problems.Add("Overlap share must be between 0 and 1.");
        if (Replicas is < MinReplicas or > MaxReplicas) problems.Add($"Replicas per overlap task must be between {MinReplicas} and {MaxReplicas}.");
        if (!(DeadlineHours >= 0.01 && DeadlineHours <= 24 * 30)) problems.Add("The replica deadline must be between 0.01 hours and 30 days.");
        if (!(AgreementThreshold >= 0 && AgreementThreshold <= 1)) problems.Add("The agreement threshold must be between 0 and 1.");
        return problems;
    }
}
