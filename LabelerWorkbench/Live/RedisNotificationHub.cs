using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace LabelerWorkbench.Live;

/// <summary>
/// The hub for several app nodes: every message goes through one Redis pub/sub channel and every node (the sender
/// too) hands it to its own subscribers, so a flag raised on node A reaches a labeler's circuit on node B, and the
/// order of messages is the same on every node. A message only crosses as JSON with its type's name; a node turns it
/// back into a type only if something on that node subscribed to that type, so a message can name nothing else.
/// If Redis cannot be reached the message still reaches this node's own subscribers.
/// </summary>
public sealed class RedisNotificationHub : INotificationHub, IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly InProcessNotificationHub local;
    readonly ConnectionMultiplexer redis;
    readonly RedisChannel channel;
    readonly ConcurrentDictionary<string, Type> subscribedTypes = new();
    readonly ILogger<RedisNotificationHub> log;

    public RedisNotificationHub(LiveOptions options, ILoggerFactory logs)
    {
        log = logs.CreateLogger<RedisNotificationHub>();
        local = new InProcessNotificationHub(logs.CreateLogger<InProcessNotificationHub>());
        var config = ConfigurationOptions.Parse(options.Redis!);
        // A node starts while Redis restarts; the client reconnects by itself.
        config.AbortOnConnectFail = false;
        redis = ConnectionMultiplexer.Connect(config);
        channel = RedisChannel.Literal(options.Channel);
        // One queue, handled in order: the messages reach subscribers in the order Redis delivered them.
        redis.GetSubscriber().Subscribe(channel).OnMessage(DeliverAsync);
    }

    public async Task PublishAsync<T>(T message) where T : notnull
    {
        var envelope = JsonSerializer.Serialize(new Envelope(typeof(T).FullName!, JsonSerializer.SerializeToElement(message, Json)), Json);
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, envelope);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            log.LogWarning(ex, "Redis is unreachable: a {Message} reaches this node's pages only", typeof(T).Name);
            await local.PublishAsync(message);
        }
    }

    public IDisposable Subscribe<T>(Func<T, Task> handler) where T : notnull
    {
        subscribedTypes.TryAdd(typeof(T).FullName!, typeof(T));
        return local.Subscribe(handler);
    }

    async Task DeliverAsync(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message.Message!, Json);
            if (envelope is null || !subscribedTypes.TryGetValue(envelope.Type, out var type)) return;
            var body = envelope.Body.Deserialize(type, Json);
            if (body is null) return;
            await local.PublishAsObjectAsync(type, body);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "A live message from Redis could not be delivered");
        }
    }

    public void Dispose() => redis.Dispose();

    sealed record Envelope(string Type, JsonElement Body);
}
