using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using Microsoft.AspNetCore.Identity;

namespace LabelerWorkbench.Data;

// Persistence shapes. Times are UTC DateTime because SQLite cannot compare DateTimeOffset in queries.

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

public sealed class Project
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Markdown shown to labelers; rendered with raw HTML disabled.</summary>
    public string Instructions { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<LabelClass> Classes { get; set; } = [];
    public List<ProjectMember> Members { get; set; } = [];
    /// <summary>Run the project's models on every imported image.</summary>
    public bool PreAnnotate { get; set; } = true;
    /// <summary>Model names from the registry; null means the registry's default of that kind.</summary>
    public string? DetectionModel { get; set; }
    public string? RecognitionModel { get; set; }
    /// <summary>A box detector (YOLOv8 layout) to run instead of the OCR pair; null for none.</summary>
    public string? BoxModel { get; set; }
    public QualitySettings Quality { get; set; } = new();
    /// <summary>The key webhook bodies are signed with (HMAC-SHA256); made when the first webhook or callback needs it.</summary>
    public string? WebhookSecret { get; set; }
}


public sealed class LabelClass
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    public string Color { get; set; } = "#1e88e5";
    public string? Hotkey { get; set; }
    public bool AllowBox { get; set; } = true;
    public bool AllowPolygon { get; set; } = true;
    public bool RequiresTranscription { get; set; }
    public int SortOrder { get; set; }

    public LabelClassInfo ToInfo() => new(Id, Name, Color, Hotkey, AllowBox, AllowPolygon, RequiresTranscription);
}

/// <summary>Which labelers and reviewers work on a project. Leads see every project.</summary>
public sealed class ProjectMember
{
    public int ProjectId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>An image stored once, content-addressed by the SHA-256 of its bytes.</summary>
public sealed class StoredImage
{
    public required string Sha256 { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long ByteSize { get; set; }
    /// <summary>The MIME type of the decoded format, the only type the image is ever served as.</summary>
    public required string ContentType { get; set; }
    public DateTime StoredAt { get; set; }
}

public sealed class LabelTask
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string ImageSha256 { get; set; }
    public StoredImage? Image { get; set; }
    /// <summary>The name the image was imported under, for people and exports.</summary>
    public required string FileName { get; set; }
    public LabelTaskStatus Status { get; set; }
    public string? LeasedBy { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>When the current holder leased it: the start of their working time on it.</summary>
    public DateTime? LeasedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DraftSavedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every change to the row.</summary>
    public int Version { get; set; }
    public PreAnnotationState PreAnnotation { get; set; }
    /// <summary>Why the models failed on this task; the task stays labelable without suggestions.</summary>
    public string? PreAnnotationError { get; set; }
    public DateTime? PreAnnotatedAt { get; set; }

    /// <summary>Who submitted the current revision; a returned task goes back to them.</summary>
    public string? LabeledBy { get; set; }
    /// <summary>The reviewer a sampled submission was routed to.</summary>
    public string? ReviewerId { get; set; }
    /// <summary>How likely this submission was to be sampled for review (weights the quality estimate).</summary>
    public double? ReviewProbability { get; set; }
    /// <summary>This task holds a gold answer (see <see cref="GoldAnswer"/>); copies of it are mixed into queues.</summary>
    public bool IsGold { get; set; }
    /// <summary>Set on a labeler's copy of a gold task: the task whose answer it is scored against.</summary>
    public int? GoldSourceTaskId { get; set; }
    /// <summary>
    /// An overlap task: this many labelers each label a private copy (<see cref="ReplicaOfTaskId"/>), and the task's
    /// result is their merge. 0 for an ordinary task.
    /// </summary>
    public int ReplicasWanted { get; set; }
    /// <summary>Of an overlap task: when the replicas that came in are merged without waiting for the others.</summary>
    public DateTime? ReplicaDeadline { get; set; }
    /// <summary>Set on a labeler's copy of an overlap task: the task it is a replica of.</summary>
    public int? ReplicaOfTaskId { get; set; }
    /// <summary>Of a replica: the labeler it was made for (one replica per labeler per task, ever).</summary>
    public string? ReplicaLabelerId { get; set; }
    /// <summary>Neither a labeler's gold copy nor their replica: the customer's own task.</summary>
    public bool IsOriginal => GoldSourceTaskId is null && ReplicaOfTaskId is null;
    /// <summary>Where to POST the result when the task is completed (set through the API, checked when set).</summary>
    public string? CallbackUrl { get; set; }

    public TaskLeaseState LeaseState => new(Status, LeasedBy,
        LeaseExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null);

    public void Apply(TaskLeaseState s)
    {
        Status = s.Status;
        LeasedBy = s.LeasedBy;
        LeaseExpiresAt = s.LeaseExpiresAt?.UtcDateTime;
    }
}

/// <summary>The working copy of a region while its task is labeled; one row per region so edits save incrementally.</summary>
public sealed class DraftRegion
{
    public Guid Id { get; set; }
    public int TaskId { get; set; }
    public int Order { get; set; }
    public GeometryKind Kind { get; set; }
    public int? ClassId { get; set; }
    public required IReadOnlyList<Point2> Points { get; set; }
    /// <summary>How many points <see cref="Points"/> holds, so the task's budget is summed in the database.</summary>
    public int PointCount { get; set; }
    public string Transcription { get; set; } = "";
    public RegionSource Source { get; set; }
    public string? CreatedBy { get; set; }
    public string? ModelName { get; set; }
    public string? ModelVersion { get; set; }
    public double? Confidence { get; set; }
    public Guid? DerivedFrom { get; set; }
    /// <summary>A model suggestion nobody has accepted, edited or deleted yet.</summary>
    public bool Pending { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A region exactly as a model proposed it, kept to tell later what the labeler did with it.</summary>
public sealed class ModelSuggestion
{
    /// <summary>The id of the draft region the suggestion became.</summary>
    public Guid Id { get; set; }
    public int TaskId { get; set; }
    public required string ModelName { get; set; }
    public string? ModelVersion { get; set; }
    public GeometryKind Kind { get; set; }
    public int? ClassId { get; set; }
    public required IReadOnlyList<Point2> Points { get; set; }
    public string Text { get; set; } = "";
    public double Confidence { get; set; }
    /// <summary>JSON array of per-character confidences of the recognised text.</summary>
    public string? CharConfidences { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The suggestion as the model made it, in the domain's region shape.</summary>
    public RegionData ToRegion() => new(Id, Kind, ClassId, Points, Text,
        new Provenance(RegionSource.Model, null, ModelName, ModelVersion, Confidence), Pending: true);
}


/// <summary>What the labeler did with one model suggestion, recorded when the task was submitted.</summary>
public sealed class SuggestionOutcome
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int RevisionNumber { get; set; }
    public Guid SuggestionId { get; set; }
    public required string ModelName { get; set; }
    public string? ModelVersion { get; set; }
    public SuggestionOutcomeKind Outcome { get; set; }
    public bool GeometryChanged { get; set; }
    public bool LabelChanged { get; set; }
    public bool TextChanged { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAt { get; set; }
}

/// <summary>A frozen snapshot of a task's regions at submit. Never updated or deleted (the DbContext refuses).</summary>
public sealed class TaskRevision
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int Number { get; set; }
    public required string SubmittedBy { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int RegionCount { get; set; }
    /// <summary>The regions (stored as JSON, see <c>RegionJson</c>).</summary>
    public required IReadOnlyList<RegionData> Regions { get; set; }
    /// <summary>Seconds from the lease to this submission (a behavioural signal); null when unknown.</summary>
    public double? WorkSeconds { get; set; }
}

/// <summary>
/// A note on one region of a task, between the labeler and the reviewers ("is this a price?"). Discussion, not
/// annotation: it is not part of a revision or an export.
/// </summary>
public sealed class RegionComment
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public Guid RegionId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}
