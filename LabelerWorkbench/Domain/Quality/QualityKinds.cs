namespace LabelerWorkbench.Domain.Quality;

public enum QualityCheckKind
{
    /// <summary>A labeler's submission scored against a gold answer.</summary>
    Gold = 0,
    /// <summary>A reviewer's verdict on a sampled submission.</summary>
    Review = 1,
    /// <summary>A reviewer measured on a gold task routed to them: what their review let through.</summary>
    ReviewerAudit = 2,
    /// <summary>A practice task of a training module (not counted by the monitor).</summary>
    Practice = 3,
}

public enum ReviewVerdict { Accepted = 0, Rejected = 1 }

public enum TrainingStatus { Assigned = 0, Dismissed = 1, Passed = 2 }
