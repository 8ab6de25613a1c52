namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// One writer per task at a time within this process. Two saves of one task racing (two tabs, a retrying
/// script) would otherwise both read the same version and one would fail on the concurrency token or on a
/// region both tried to add. Across several app nodes the optimistic token still decides, and the loser is
/// told so with a 409, never a 500.
/// </summary>
public sealed class TaskWriteGate
{
    readonly Dictionary<int, (SemaphoreSlim Lock, int Users)> gates = [];

    public async Task<IDisposable> EnterAsync(int taskId, CancellationToken ct = default)
    {
        SemaphoreSlim gate;
        lock (gates)
        {
            var (existing, users) = gates.TryGetValue(taskId, out var g) ? g : (new SemaphoreSlim(1, 1), 0);
            gates[taskId] = (existing, users + 1);
            gate = existing;
        }
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Leave(taskId, entered: false);
            throw;
        }
        return new Entered(this, taskId);
    }

    void Leave(int taskId, bool entered)
    {
        lock (gates)
        {
            var (gate, users) = gates[taskId];
            if (entered) gate.Release();
            // The last one out removes the task's entry, so the table holds only tasks being written now.
            if (users == 1) gates.Remove(taskId);
            else gates[taskId] = (gate, users - 1);
        }
    }

    sealed class Entered(TaskWriteGate owner, int taskId) : IDisposable
    {
        int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Leave(taskId, entered: true);
        }
    }
}
