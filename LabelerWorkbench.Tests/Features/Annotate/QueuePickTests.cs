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
        Assert.Equal([16, 32, 48, 256, 256], new[] { 1, 2, 3, 16, 199 }.Select(QueuePick.Among));
    }

    [Fact]
    public void AfterALostRace_LabelersSpreadOverTheOldestTasks()
    {
        // 200 labelers who all lost the first race, each choosing among the 16 oldest: every one of those is tried.
        var random = new Random(7);
        var picks = Enumerable.Range(0, 200).Select(_ => QueuePick.Choose(1, QueuePick.Among(1), random)).ToList();

        Assert.All(picks, p => Assert.InRange(p, 0, 15));
        Assert.Equal(16, picks.Distinct().Count());
        // Fewer tasks than the spread (the queue's end): the choice stays among those read.
        Assert.All(Enumerable.Range(0, 50), _ => Assert.InRange(QueuePick.Choose(5, 3, random), 0, 2));
    }
}
