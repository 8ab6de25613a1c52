using LabelerWorkbench.Domain.Consensus;

namespace LabelerWorkbench.Tests.Domain.Consensus;

public class TextConsensusTests
{
    static MergedText Merge(params string[] lines) => TextConsensus.Merge([.. lines.Select(l => new TextVote(l, 1))]);

    [Fact]
    public void ADroppedWord_IsRestoredFromTheOthers()
    {
        Assert.Equal("the quick brown fox", Merge("the quick brown fox", "the quick fox", "the quick brown fox").Text);
        Assert.Equal("Total due 12.50", Merge("Total 12.50", "Total due 12.50", "Total due 12.50").Text);
    }

    [Fact]
    public void AWordSplitOrJoinedByOne_FollowsTheOthers()
    {
        Assert.Equal("New York City", Merge("New York City", "NewYork City", "New York City").Text);
        Assert.Equal("Station Road", Merge("Station Road", "Sta tion Road", "Station Road").Text);
    }

    [Fact]
    public void ATypoInEachLine_AtDifferentPlaces_GivesTheRightLine_WhereNoTwoLinesAgree()
    {
        var lines = new[] { "Statoin Road 12", "Station Raod 12", "Station Road 21" };
        Assert.Equal(3, lines.Distinct().Count());
        Assert.Equal("Station Road 12", Merge(lines).Text);
    }

    [Fact]
    public void TyposInTheSameWord_AreOutvotedCharacterByCharacter()
    {
        Assert.Equal("Station", Merge("Stat1on", "St4tion", "Statio").Text);
        Assert.Equal("Café Crème", Merge("Cafe Crème", "Café Creme", "Café Crème").Text);
    }

    [Fact]
    public void EachWord_CarriesTheShareOfWeightThatWroteExactlyIt()
    {
        var merged = Merge("Station Road 12", "Station Raod 12", "Station Road 12");
        Assert.Equal([1.0, 2.0 / 3, 1.0], merged.Words.Select(w => Math.Round(w.Agreement, 6)).ToArray(), new RoundedComparer());
        Assert.Equal(2.0 / 3, merged.Agreement, 6);
    }

    [Fact]
    public void WeightsDecide_AndALowWeightVoterOnlyBreaksTies()
    {
        // Two labelers disagree; the one with the better record wins.
        Assert.Equal("Road", TextConsensus.Merge([new("Road", 0.9), new("Raod", 0.6)]).Text);
        // A tie between equal labelers is broken by the model's low-weight vote, which alone could not outvote one of them.
        Assert.Equal("Road", TextConsensus.Merge([new("Raod", 1), new("Road", 1), new("Road", 0.3)]).Text);
        Assert.Equal("Raod", TextConsensus.Merge([new("Raod", 1), new("Road", 0.3)]).Text);
    }

    [Fact]
    public void EmptyAndMissingInput_GiveAnEmptyLine()
    {
        Assert.Equal("", TextConsensus.Merge([]).Text);
        Assert.Equal("", Merge("", "  ", "").Text);
        Assert.Equal("", Merge("", "stray", "").Text);
    }

    sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-6;
        public int GetHashCode(double d) => 0;
    }
}
