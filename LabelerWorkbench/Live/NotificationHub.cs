using System.Collections.Concurrent;

namespace LabelerWorkbench.Live;

/// <summary>
/// Carries live events (progress, training pushes, dashboard updates) to whoever listens. In-process
/// here; a multi-node deployment implements it over a message bus.
/// </summary>
public interface INotificationHub
{
    /// <summary>Delivers <paramref name="message"/> to the current subscribers of <typeparamref name="T"/>.</summary>
    Task PublishAsync<T>(T message) where T : notnull;

    /// <summary>Subscribes until the returned handle is disposed.</summary>
    IDisposable Subscribe<T>(Func<T, Task> handler) where T : notnull;
}

public sealed class InProcessNotificationHub(ILogger<InProcessNotificationHub> log) : INotificationHub
{
    readonly ConcurrentDictionary<Type, ConcurrentDictionary<Guid, Func<object, Task>>> handlers = new();

    public async Task PublishAsync<T>(T message) where T : notnull
    {
        if (!handlers.TryGetValue(typeof(T), out var subscribers)) return;
        foreach (var handler in subscribers.Values)
        {
            // One failing listener (a closed page) must not stop the others.
            try { await handler(message); }
            catch (Exception ex) { log.LogWarning(ex, "A {Message} listener failed", typeof(T).Name); }
        }
    }

    public IDisposable Subscribe<T>(Func<T, Task> handler) where T : notnull
    {
        var id = Guid.NewGuid();
        var subscribers = handlers.GetOrAdd(typeof(T), _ => new());
        subscribers[id] = m => handler((T)m);
        return new Subscription(() => subscribers.TryRemove(id, out _));
    }

    sealed class Subscription(Action remove) : IDisposable
    {
        int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) remove();
        }
    }
}

public static class LiveServices
{
    /// <summary>The in-process hub; a multi-node deployment registers a message-bus implementation instead.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services) => services.AddSingleton<INotificationHub, InProcessNotificationHub>();
}
