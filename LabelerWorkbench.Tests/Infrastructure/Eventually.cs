namespace LabelerWorkbench.Tests.Infrastructure;

/// <summary>Polls for what a background service will produce, with a generous limit for a busy CI machine.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, int seconds = 20) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(50);
        }
    }
}
