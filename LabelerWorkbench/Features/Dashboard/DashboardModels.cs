using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Quality.Sampling;

namespace LabelerWorkbench.Features.Dashboard;

/// <summary>A share with its count, e.g. 9 of 10 gold tasks without an error.</summary>
public sealed record Share(int Good, int Total)
{
    public double? Value => Total == 0 ? null : (double)Good / Total;
}

/// <summary>A labeler's mean agreement with the merged results of the overlap tasks they took part in.</summary>
public sealed record MergeAgreement(double Mean, int Tasks)
{
    public static readonly MergeAgreement None = new(0, 0);
}

public sealed record LabelerRow(
    string LabelerId, string Name, int Submitted, double TasksPerHour, Share GoldAccuracy, Share QaAcceptance,
    IReadOnlyList<RateEstimate> Rates, IReadOnlyList<ErrorCode> OpenFlags, int TrainingAssigned, int TrainingPassed,
    GoldRateDecision Gold, BehaviourSignals Behaviour, IReadOnlyList<string> Risks, MergeAgreement Agreement)
{
    public RateEstimate Rate(ErrorCode code) => Rates.First(r => r.Code == code);
}

public sealed record ModelAcceptance(string Model, int Kept, int Edited, int Deleted)
{
    public int Total => Kept + Edited + Deleted;
}

public sealed record LeadDashboard(
    QualityEstimate Accepted, int Ready, int InReview, int AcceptedTasks, int SubmittedLastHour,
    IReadOnlyList<LabelerRow> Labelers, IReadOnlyList<AssignmentRow> Training, IReadOnlyList<ModelAcceptance> Models, double Threshold);

/// <summary>A task behind a number on the dashboard.</summary>
public sealed record DrillRow(int TaskId, string FileName, string Kind, DateTime At, int Errors, int Opportunities, string Detail);

public sealed record ReviewerStats(int QueueSize, int ReviewedTotal, int ReviewedLastDay, double PerHour, double AcceptedShare, IReadOnlyList<(ErrorCode Code, int LetThrough, int Opportunities)> Profile);

public sealed record FeedbackItem(int TaskId, string FileName, DateTime At, string Verdict, string Comment, IReadOnlyList<(ErrorCode Code, string Note)> Fixes);

/// <param name="ReturnedTotal">Submissions a reviewer returned to the labeler, ever.</param>
/// <param name="ToFix">Of those, the tasks still waiting for the labeler's fix.</param>
/// <param name="ProjectName">The project whose rates are shown (the labeler's latest checked one).</param>
/// <param name="Rates">The same recent rates the lead sees for this labeler in that project.</param>
public sealed record LabelerStats(int SubmittedToday, int SubmittedTotal, int Accepted, int InReview, int ReturnedTotal, int ToFix, Share GoldAccuracy, Share QaAcceptance,
    string? ProjectName, IReadOnlyList<RateEstimate> Rates, IReadOnlyList<FeedbackItem> Feedback);
