namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// Which leasable task a lease tries: the oldest first; after a lost race, one of the oldest few at random, more of
/// them with every race lost. When a whole team starts at once they all read the same oldest task and only one wins
/// it; were everyone to retry on the next oldest, the race would be run again once per labeler (200 labelers: about
/// 20,000 tries). Spread out, the losers of one round mostly win the next. Order stays oldest-first up to that spread.
/// </summary>
public static class QueuePick
{
    /// <summary>Oldest tasks added to the choice per race lost.</summary>
    public const int SpreadPerLostRace = 16;
    public const int MaxSpread = 256;

    /// <summary>How many of the oldest leasable tasks to read on attempt <paramref name="attempt"/> (0 is the first).</summary>
    public static int Among(int attempt) => attempt <= 0 ? 1 : Math.Min(attempt * SpreadPerLostRace, MaxSpread);

    /// <summary>The index, among the <paramref name="count"/> tasks read, to try.</summary>
    public static int Choose(int attempt, int count, Random random) => attempt <= 0 || count <= 1 ? 0 : random.Next(count);
}
