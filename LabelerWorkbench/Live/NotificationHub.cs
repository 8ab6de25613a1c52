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

    public Task PublishAsync<T>(T message) where T : notnull => PublishAsObjectAsync(typeof(T), message);

    /// <summary>Delivers a message whose type is known only at run time (one that came over a message bus).</summary>
    internal async Task PublishAsObjectAsync(Type type, object message)
    {
        if (!handlers.TryGetValue(type, out var subscribers)) return;
        foreach (var handler in subscribers.Values)
        {
            // One failing listener (a closed page) must not stop the others.
            try { await handler(message); }
            catch (Exception ex) { log.LogWarning(ex, "A {Message} listener failed", type.Name); }
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

/// <summary>Settings under <c>Live</c>.</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// A Redis server (StackExchange.Redis configuration, e.g. "redis:6379,password=…") that carries live events between
    /// app nodes. Empty: one node, events stay in this process.
    /// </summary>
    public string? Redis { get; set; }
    /// <summary>The pub/sub channel; nodes of one deployment must share it, two deployments on one Redis must not.</summary>
    public string Channel { get; set; } = "labelerworkbench:live";
}

public static class LiveServices
{
    /// <summary>The in-process hub on one node; with <c>Live:Redis</c> set, the Redis hub that reaches every node.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions();
        if (string.IsNullOrWhiteSpace(options.Channel)) throw new InvalidOperationException("Live:Channel must not be empty.");
        services.AddSingleton(options);
        return string.IsNullOrWhiteSpace(options.Redis)
            ? services.AddSingleton<INotificationHub, InProcessNotificationHub>()
            : services.AddSingleton<INotificationHub, RedisNotificationHub>();
    }
}
