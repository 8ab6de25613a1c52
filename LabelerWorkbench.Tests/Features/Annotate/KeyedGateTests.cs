using LabelerWorkbench.Features.Annotate;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class KeyedGateTests
{
    [Fact]
    public async Task ASecondEntrant_WaitsForTheFirst_OnlyOnTheSameKey()
    {
        var gate = new KeyedGate<(int, string)>();
        var first = await gate.EnterAsync((1, "ana"));

        var sameKey = gate.EnterAsync((1, "ana"));
        var otherUser = gate.EnterAsync((1, "ben"));
        var otherProject = gate.EnterAsync((2, "ana"));

        (await otherUser).Dispose();
        (await otherProject).Dispose();
        await Task.Delay(50);
        Assert.False(sameKey.IsCompleted);

        first.Dispose();
        first.Dispose();   // a second dispose lets nobody else in
        var second = await sameKey.WaitAsync(TimeSpan.FromSeconds(10));
        var third = gate.EnterAsync((1, "ana"));
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task AWaiterThatGivesUp_LeavesTheGateUsable()
    {
        var gate = new KeyedGate<int>();
        var held = await gate.EnterAsync(7);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(7, cancel.Token));

        held.Dispose();
        (await gate.EnterAsync(7).WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
