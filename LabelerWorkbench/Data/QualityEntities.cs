using LabelerWorkbench.Features.Quality;

namespace LabelerWorkbench.Data;

/// <summary>The hidden answer of a gold task: an accepted revision the lead marked, or imported regions.</summary>
public sealed class GoldAnswer
{
    public int TaskId { get; set; }
    /// <summary>The answer's regions (stored as JSON, see <c>RegionJson</c>).</summary>
    public required IReadOnlyList<RegionData> Regions { get; set; }
    /// <summary>Where the answer came from, for people ("revision 2", "imported gold.jsonl").</summary>
    public required string Origin { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}


/// <summary>One check of one piece of work, with its per-region details; its counts are in <see cref="QualityEvent"/>.</summary>
public sealed class QualityCheck
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int? TaskId { get; set; }
    public int RevisionNumber { get; set; }
    /// <summary>Whose work was checked: the labeler, or the reviewer for an audit.</summary>
    public required string SubjectId { get; set; }
    public QualityCheckKind Kind { get; set; }
    /// <summary>The reviewer for a review; null for gold scoring.</summary>
    public string? CheckedBy { get; set; }
    public DateTime At { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>JSON list of the region checks (which errors, which opportunities).</summary>
    public required string Details { get; set; }
    /// <summary>When the quality monitor acted on this check; null while it waits for the monitor (the monitor's queue).</summary>
    public DateTime? MonitoredAt { get; set; }
    public List<QualityEvent> Events { get; set; } = [];
}

/// <summary>For one check and one error type: how many errors out of how many opportunities. The monitor's input.</summary>
public sealed class QualityEvent
{
    public long Id { get; set; }
    public int CheckId { get; set; }
    public int ProjectId { get; set; }
    public required string SubjectId { get; set; }
    public QualityCheckKind Kind { get; set; }
    public ErrorCode Code { get; set; }
    public int Errors { get; set; }
    public int Opportunities { get; set; }
    public DateTime At { get; set; }
}


/// <summary>A reviewer's verdict on a sampled submission, with every fix tagged by an error type.</summary>
public sealed class TaskReview
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int RevisionNumber { get; set; }
    public required string ReviewerId { get; set; }
    public required string LabelerId { get; set; }
    public ReviewVerdict Verdict { get; set; }
    /// <summary>JSON list of tagged fixes (see <c>ReviewFix</c>).</summary>
    public required string Fixes { get; set; }
    public string Comment { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>
/// A lead sent a revision back to its labeler from the data manager, with why. Kept apart from
/// <see cref="TaskReview"/>, which is a reviewer's quality record and feeds reviewer and labeler statistics.
/// </summary>
public sealed class LeadReturn
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int RevisionNumber { get; set; }
    public required string LeadId { get; set; }
    public string Comment { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>The monitor's judgement that a labeler's rate for one error type is above the threshold.</summary>
public sealed class QualityFlag
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string LabelerId { get; set; }
    public ErrorCode Code { get; set; }
    public DateTime RaisedAt { get; set; }
    public double RateAtRaise { get; set; }
    public double ProbabilityAtRaise { get; set; }
    public int OpportunitiesAtRaise { get; set; }
    public DateTime? ClearedAt { get; set; }
    /// <summary>The labeler's recent rate when the flag cleared.</summary>
    public double? RateAtClear { get; set; }
    /// <summary>Effective opportunities of work since the flag that cleared it.</summary>
    public double? OpportunitiesAtClear { get; set; }
}


/// <summary>A training module pushed to a labeler because of a flag, and how it went.</summary>
public sealed class TrainingAssignment
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string LabelerId { get; set; }
    public ErrorCode Code { get; set; }
    public required string ModuleId { get; set; }
    public int? FlagId { get; set; }
    public TrainingMode Mode { get; set; }
    public TrainingStatus Status { get; set; }
    public DateTime AssignedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Share of practice opportunities without an error, on the best attempt.</summary>
    public double? BestScore { get; set; }
    /// <summary>The labeler's rate for the error type when the module was assigned, and after (when the flag cleared).</summary>
    public double RateBefore { get; set; }
    public double? RateAfter { get; set; }
    /// <summary>Effective opportunities of work behind <see cref="RateAfter"/>.</summary>
    public double? OpportunitiesAfter { get; set; }
}

/// <summary>
/// The merge of an overlap task's replicas, written once when the task completes: how much the labelers agreed,
/// whether it went to a reviewer, and per replica and per region what the merge saw (<c>ConsensusDetails</c>).
/// </summary>
public sealed class ConsensusResult
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int TaskId { get; set; }
    /// <summary>The task's revision that holds the merged regions.</summary>
    public int RevisionNumber { get; set; }
    public int Replicas { get; set; }
    public double Agreement { get; set; }
    /// <summary>Under the project's agreement threshold, or the replicas disagreed on a region's existence or class.</summary>
    public bool Disputed { get; set; }
    public DateTime MergedAt { get; set; }
    /// <summary>JSON of <c>ConsensusDetails</c>: the replicas, each region's support and per-word agreement, the dropped regions.</summary>
    public required string Details { get; set; }
}
