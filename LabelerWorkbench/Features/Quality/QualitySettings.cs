using LabelerWorkbench.Features.Quality.Monitor;
using LabelerWorkbench.Features.Quality.Sampling;
using LabelerWorkbench.Features.Quality.Scoring;

namespace LabelerWorkbench.Features.Quality;

public enum TrainingMode
{
    /// <summary>The labeler sees the module and may dismiss it.</summary>
    Nudge = 0,
    /// <summary>No next task until the module's practice is passed.</summary>
    MustComplete = 1,
}

/// <summary>A project's quality policy, as the lead sets it. Defaults are documented in the README.</summary>
public sealed class QualitySettings
{
    /// <summary>Share of leases that hand out a gold task (when the labeler has one left to do).</summary>
    public double GoldRate { get; set; } = 0.05;
    /// <summary>Suggestions seeded with a known mistake in each gold copy, to catch accepting without looking.</summary>
    public int TrapsPerGoldTask { get; set; } = 3;

    public double MatchIoU { get; set; } = ScoringThresholds.Default.MatchIoU;
    public double FitIoU { get; set; } = ScoringThresholds.Default.FitIoU;

    public double ReviewBaseRate { get; set; } = SamplingPolicy.Default.BaseRate;
    public int ReviewNewLabelerTasks { get; set; } = SamplingPolicy.Default.NewLabelerTasks;
    public double ReviewFlaggedRate { get; set; } = SamplingPolicy.Default.FlaggedRate;
    public int ReviewCleanStreak { get; set; } = SamplingPolicy.Default.CleanStreak;
    public double ReviewCleanRate { get; set; } = SamplingPolicy.Default.CleanRate;

    public double ErrorRateThreshold { get; set; } = MonitorPolicy.Default.RateThreshold;
    public double FlagProbability { get; set; } = MonitorPolicy.Default.FlagProbability;
    public double ClearProbability { get; set; } = MonitorPolicy.Default.ClearProbability;
    public int MinOpportunities { get; set; } = MonitorPolicy.Default.MinOpportunities;

    public TrainingMode TrainingMode { get; set; } = TrainingMode.Nudge;

    public ScoringThresholds Scoring => new(MatchIoU, FitIoU);
    public SamplingPolicy Sampling => new(ReviewBaseRate, ReviewNewLabelerTasks, ReviewFlaggedRate, ReviewCleanStreak, ReviewCleanRate);
    public MonitorPolicy Monitor => MonitorPolicy.Default with
    {
        RateThreshold = ErrorRateThreshold, FlagProbability = FlagProbability,
        ClearProbability = ClearProbability, MinOpportunities = MinOpportunities,
    };

    /// <summary>What is wrong with these settings, for people; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Rate(string name, double v) { if (!(v >= 0 && v <= 1)) problems.Add($"{name} must be between 0 and 1."); }
        Rate("Gold rate", GoldRate);
        Rate("Review base rate", ReviewBaseRate);
        Rate("Review rate for flagged labelers", ReviewFlaggedRate);
        Rate("Review rate for a clean record", ReviewCleanRate);
        Rate("Error-rate threshold", ErrorRateThreshold);
        if (!(MatchIoU > 0 && MatchIoU <= 1)) problems.Add("Match IoU must be above 0 and at most 1.");
        if (!(FitIoU >= MatchIoU && FitIoU <= 1)) problems.Add("Fit IoU must be between the match IoU and 1.");
        if (!(FlagProbability > 0.5 && FlagProbability < 1)) problems.Add("Flag probability must be above 0.5 and below 1.");
        if (!(ClearProbability > 0 && ClearProbability < FlagProbability)) problems.Add("Clear probability must be above 0 and below the flag probability.");
        if (MinOpportunities < 1) problems.Add("Minimum opportunities must be at least 1.");
        if (TrapsPerGoldTask is < 0 or > 10) problems.Add("Traps per gold task must be between 0 and 10.");
        if (ReviewNewLabelerTasks < 0 || ReviewCleanStreak < 1) problems.Add("Task counts must not be negative.");
        return problems;
    }
}
