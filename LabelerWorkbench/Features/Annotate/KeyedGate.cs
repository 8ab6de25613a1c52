namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// One holder per key at a time within this process; the others wait their turn without holding a thread. The table
/// holds only keys someone is in or waiting for.
/// </summary>
public class KeyedGate<TKey> where TKey : notnull
{
    readonly Dictionary<TKey, (SemaphoreSlim Lock, int Users)> gates = [];

    public async Task<IDisposable> EnterAsync(TKey key, CancellationToken ct = default)
    {
        SemaphoreSlim gate;
        lock (gates)
        {
            var (existing, users) = gates.TryGetValue(key, out var g) ? g : (new SemaphoreSlim(1, 1), 0);
            gates[key] = (existing, users + 1);
            gate = existing;
        }
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, entered: false);
            throw;
        }
        return new Entered(this, key);
    }

    void Leave(TKey key, bool entered)
    {
        lock (gates)
        {
            var (gate, users) = gates[key];
            if (entered) gate.Release();
            // The last one out removes the key's entry.
            if (users == 1) gates.Remove(key);
            else gates[key] = (gate, users - 1);
        }
    }

    sealed class Entered(KeyedGate<TKey> owner, TKey key) : IDisposable
    {
        int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Leave(key, entered: true);
        }
    }
}
