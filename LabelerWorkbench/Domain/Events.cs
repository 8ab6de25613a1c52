namespace LabelerWorkbench.Domain;

// What happened, as the notification hub carries it to live pages (dashboards, the labeler's session, progress
// bars). They belong to no feature: the feature that raises one and the pages that listen need not know each other.

/// <summary>Published after every submission (dashboards, review queues).</summary>
public sealed record TaskSubmitted(int ProjectId, int TaskId, string LabelerId, LabelTaskStatus Status);

/// <summary>Published when a reviewer has decided (dashboards, the labeler's page).</summary>
public sealed record ReviewCompleted(int ProjectId, int TaskId, string LabelerId, ReviewVerdict Verdict);

/// <summary>Published after a lead's bulk action changed tasks (reassigned, returned, sent to review, gold, deleted); dashboards listen.</summary>
/// <param name="Action">What was done, in words ("reassigned").</param>
public sealed record TasksChangedByLead(int ProjectId, IReadOnlyList<int> TaskIds, string Action);

/// <summary>Published when the monitor raises or clears a flag (dashboards).</summary>
public sealed record FlagChanged(int ProjectId, string LabelerId, ErrorCode Code, bool Raised, double Rate);

/// <summary>Pushed into the labeler's live session when a training module is assigned to them.</summary>
public sealed record TrainingPushed(int AssignmentId, int ProjectId, string LabelerId, ErrorCode Code, string Title, TrainingMode Mode);

/// <summary>One task finished (or failed) pre-annotation; the lead's project page listens.</summary>
public sealed record PreAnnotationProgress(int ProjectId, int TaskId, bool Ok, string? Error, double Milliseconds, DateTime At);

/// <summary>A task's work is done and accepted (by the checks or a reviewer): its result can go to the customer.</summary>
/// <param name="Revision">The accepted revision, whose regions are <paramref name="Regions"/>.</param>
public sealed record TaskCompleted(int TaskId, int Revision, IReadOnlyList<Regions.RegionData> Regions, DateTime At);
