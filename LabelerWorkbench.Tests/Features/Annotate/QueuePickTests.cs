using LabelerWorkbench.Features.Annotate;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class QueuePickTests
{
    [Fact]
    public void TheFirstTry_IsTheOldestTask()
    {
        Assert.Equal(1, QueuePick.Among(0));
        Assert.Equal(0, QueuePick.Choose(0, 1, new Random(3)));
    }

    [Fact]
    public void EachLostRace_WidensTheChoice_UpToItsLimit()
    {
        Assert.Equal([2, 4, 8, 128, 256, 256], new[] { 1, 2, 3, 7, 8, 199 }.Select(QueuePick.Among));
    }

    [Fact]
    public void AfterALostRace_LabelersSpreadOverTheOldestTasks()
    {
        // 200 labelers who lost four races, each choosing among the 16 oldest: every one of those is tried.
        var random = new Random(7);
        var picks = Enumerable.Range(0, 200).Select(_ => QueuePick.Choose(4, QueuePick.Among(4), random)).ToList();

        Assert.All(picks, p => Assert.InRange(p, 0, 15));
        Assert.Equal(16, picks.Distinct().Count());
        // One race lost (two labelers clicking at once): the loser takes one of the two oldest left.
        Assert.All(Enumerable.Range(0, 50), _ => Assert.InRange(QueuePick.Choose(1, QueuePick.Among(1), random), 0, 1));
        // Fewer tasks than the spread (the queue's end): the choice stays among those read.
        Assert.All(Enumerable.Range(0, 50), _ => Assert.InRange(QueuePick.Choose(5, 3, random), 0, 2));
    }
}
