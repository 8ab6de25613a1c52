namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// Which leasable task a lease tries: the oldest first; after a lost race, one of the oldest few at random, twice as
/// many with every race lost (2, 4, 8 … up to 256). When a whole team starts at once they all read the same oldest
/// task and only one wins it; were everyone to retry on the next oldest, the race would be run again once per labeler
/// (200 labelers: about 20,000 tries). Spread out, about as many win each round as there are tasks to choose from, so
/// 200 are served in about ten rounds, while two labelers racing stay within one place of oldest-first.
/// </summary>
public static class QueuePick
{
    public const int MaxSpread = 256;

    /// <summary>How many of the oldest leasable tasks to read on attempt <paramref name="attempt"/> (0 is the first).</summary>
    public static int Among(int attempt) => attempt <= 0 ? 1 : attempt >= 8 ? MaxSpread : 1 << attempt;

    /// <summary>The index, among the <paramref name="count"/> tasks read, to try.</summary>
    public static int Choose(int attempt, int count, Random random) => attempt <= 0 || count <= 1 ? 0 : random.Next(count);
}
