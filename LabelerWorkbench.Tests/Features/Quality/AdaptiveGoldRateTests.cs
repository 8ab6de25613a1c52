using LabelerWorkbench.Features.Quality.Gold;

namespace LabelerWorkbench.Tests.Features.Quality;

public class AdaptiveGoldRateTests
{
    static readonly GoldRatePolicy Policy = new(Base: 0.05, Min: 0.02, Max: 0.30, NewcomerGoldChecks: 10, CleanStreak: 30);
    static readonly BehaviourSignals Team = new(Submissions: 500, Suggestions: 5000, KeptShare: 0.60, LowConfidenceSuggestions: 400, LowConfidenceKeptShare: 0.20, SecondsPerRegion: 8);
    static readonly BehaviourSignals Ordinary = Team with { Submissions = 50, Suggestions = 500 };

    static GoldRateDecision Decide(int gold, bool flagged, int clean, BehaviourSignals mine, GoldRatePolicy? policy = null) =>
        AdaptiveGoldRate.Decide(policy ?? Policy, new LabelerEvidence(gold, flagged, clean, mine, Team));

    [Fact]
    public void MoreGold_ForNewcomers_AndOpenFlags_LessForALongCleanStreak()
    {
        Assert.Equal(0.05, Decide(50, false, 5, Ordinary).Rate, 9);
        Assert.Equal(0.15, Decide(3, false, 0, Ordinary).Rate, 9);
        Assert.Equal(0.15, Decide(50, true, 0, Ordinary).Rate, 9);
        Assert.Equal(0.025, Decide(50, false, 40, Ordinary).Rate, 9);
        Assert.Contains("open flag", Decide(50, true, 0, Ordinary).Reasons);
    }

    [Fact]
    public void RiskyBehaviourOnOrdinaryTasks_RaisesGold_EvenWithACleanStreak()
    {
        var waving = Ordinary with { KeptShare = 0.95 };
        var lowConfidence = Ordinary with { LowConfidenceKeptShare = 0.9 };
        var rushing = Ordinary with { SecondsPerRegion = 2 };
        foreach (var risky in new[] { waving, lowConfidence, rushing })
        {
            var decision = Decide(50, false, 40, risky);
            Assert.Equal(0.10, decision.Rate, 9);
            Assert.Single(decision.Reasons);
        }
        Assert.Contains("95 %", Decide(50, false, 0, waving).Reasons.Single());
        // Too little behaviour to judge: no risk.
        Assert.Equal(0.05, Decide(50, false, 0, waving with { Suggestions = 5 }).Rate, 9);
    }

    [Fact]
    public void KeepingNearlyEverySuggestion_IsARisk_EvenWhenTheWholeTeamDoesIt_AndSaysWhy()
    {
        var stamping = new BehaviourSignals(Submissions: 40, Suggestions: 300, KeptShare: 1.0, LowConfidenceSuggestions: 0, LowConfidenceKeptShare: 0, SecondsPerRegion: 5);
        var risk = Assert.Single(AdaptiveGoldRate.Risks(stamping, stamping));
        Assert.Equal("keeps 100 % of suggestions unchanged (team 100 %; above 98 % is always checked more)", risk);
        Assert.Equal("keeps 95 % of suggestions unchanged (team 60 %)", Assert.Single(AdaptiveGoldRate.Risks(Ordinary with { KeptShare = 0.95 }, Team)));
        Assert.Empty(AdaptiveGoldRate.Risks(stamping with { KeptShare = 0.97 }, stamping with { KeptShare = 0.97 }));
    }

    [Fact]
    public void TheBounds_ShapeTheAdaptation_ButNeverOverrideTheLeadsBase()
    {
        Assert.Equal(0.30, Decide(0, true, 0, Ordinary, Policy with { Base = 0.2 }).Rate, 9);
        Assert.Equal(0.02, Decide(50, false, 40, Ordinary, Policy with { Base = 0.03 }).Rate, 9);
        Assert.Equal(0, Decide(0, true, 0, Ordinary, Policy with { Base = 0 }).Rate);
        Assert.Equal(1, Decide(50, false, 40, Ordinary, Policy with { Base = 1 }).Rate);
    }
}
