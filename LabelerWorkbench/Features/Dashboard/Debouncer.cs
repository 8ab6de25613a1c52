namespace LabelerWorkbench.Features.Dashboard;

/// <summary>Runs an action once a burst of triggers has been quiet for <paramref name="delay"/>; later triggers restart the wait.</summary>
public sealed class Debouncer(TimeSpan delay) : IDisposable
{
    CancellationTokenSource? pending;

    public void Trigger(Func<Task> action)
    {
        pending?.Cancel();
        var cts = pending = new CancellationTokenSource();
        _ = Task.Delay(delay, cts.Token).ContinueWith(async t =>
        {
            if (!t.IsCanceled) await action();
        }, TaskScheduler.Default);
    }

    public void Dispose() => pending?.Cancel();
}
