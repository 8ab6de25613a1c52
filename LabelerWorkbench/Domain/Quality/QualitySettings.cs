
namespace LabelerWorkbench.Domain.Quality;

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
    /// <summary>Share of leases that hand out a gold task (when the labeler has one left to do), before adapting to the labeler.</summary>
    public double GoldRate { get; set; } = 0.05;
    /// <summary>The adaptive gold rate never goes below this (long clean streaks), nor below the base rate if that is lower…</summary>
    public double GoldRateMin { get; set; } = GoldRatePolicy.Default.Min;
    /// <summary>…nor above this (newcomers, open flags, risky behaviour), nor above the base rate if that is higher.</summary>
    public double GoldRateMax { get; set; } = GoldRatePolicy.Default.Max;
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
    public double FlagEvidence { get; set; } = MonitorPolicy.Default.FlagEvidence;
    public double ClearEvidence { get; set; } = MonitorPolicy.Default.ClearEvidence;
    public int MinOpportunities { get; set; } = MonitorPolicy.Default.MinOpportunities;
    public double PriorStrength { get; set; } = MonitorPolicy.Default.PriorStrength;
    public double Memory { get; set; } = MonitorPolicy.Default.Memory;

    public TrainingMode TrainingMode { get; set; } = TrainingMode.Nudge;

    public OverlapMode OverlapMode { get; set; } = OverlapPolicy.Off.Mode;
    /// <summary>With <see cref="OverlapMode.Share"/>: the share of tasks labeled by several labelers.</summary>
    public double OverlapShare { get; set; } = OverlapPolicy.Off.Share;
    public int OverlapReplicas { get; set; } = OverlapPolicy.Off.Replicas;
    /// <summary>After this long the replicas that came in are merged without waiting for the rest.</summary>
    public double OverlapDeadlineHours { get; set; } = OverlapPolicy.Off.DeadlineHours;
    /// <summary>A merged task whose agreement is under this goes to a reviewer.</summary>
    public double ConsensusAgreementThreshold { get; set; } = OverlapPolicy.Off.AgreementThreshold;

    public ScoringThresholds Scoring => new(MatchIoU, FitIoU);
    public SamplingPolicy Sampling => new(ReviewBaseRate, ReviewNewLabelerTasks, ReviewFlaggedRate, ReviewCleanStreak, ReviewCleanRate);
    public MonitorPolicy Monitor => MonitorPolicy.Default with
    {
        RateThreshold = ErrorRateThreshold, FlagEvidence = FlagEvidence, ClearEvidence = ClearEvidence,
        MinOpportunities = MinOpportunities, PriorStrength = PriorStrength, Memory = Memory,
    };
    public OverlapPolicy Overlap => new(OverlapMode, OverlapShare, OverlapReplicas, OverlapDeadlineHours, ConsensusAgreementThreshold);
    public GoldRatePolicy Gold => GoldRatePolicy.Default with { Base = GoldRate, Min = GoldRateMin, Max = GoldRateMax };

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
        Rate("Lowest gold rate", GoldRateMin);
        Rate("Highest gold rate", GoldRateMax);
        if (GoldRateMin > GoldRateMax) problems.Add("The lowest gold rate must not be above the highest.");
        if (!(ErrorRateThreshold > 0 && ErrorRateThreshold < 0.5)) problems.Add("Error-rate threshold must be above 0 and below 0.5.");
        if (!(FlagEvidence >= 1 && FlagEvidence <= 50)) problems.Add("Flag evidence must be between 1 and 50.");
        if (!(ClearEvidence >= 1 && ClearEvidence <= 50)) problems.Add("Clear evidence must be between 1 and 50.");
        if (!(PriorStrength >= 0.5 && PriorStrength <= 1000)) problems.Add("Prior strength must be between 0.5 and 1,000 opportunities.");
        if (!(Memory >= 10 && Memory <= 100_000)) problems.Add("Memory must be between 10 and 100,000 opportunities.");
        if (MinOpportunities < 1) problems.Add("Minimum opportunities must be at least 1.");
        if (TrapsPerGoldTask is < 0 or > 10) problems.Add("Traps per gold task must be between 0 and 10.");
        if (ReviewNewLabelerTasks < 0 || ReviewCleanStreak < 1) problems.Add("Task counts must not be negative.");
        problems.AddRange(Overlap.Problems());
        return problems;
    }
}
