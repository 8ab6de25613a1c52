using LabelerWorkbench.Data;
using System.Net;
using System.Net.Sockets;

namespace LabelerWorkbench.Features.Export.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<IDomainEventHandler<TaskCompleted>, WebhookOutbox.OnTaskCompleted>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.ClientName, (sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<WebhookUrlPolicy>().Options.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var policy = sp.GetRequiredService<WebhookUrlPolicy>();
                return new SocketsHttpHandler
                {
                    // A redirect would be a second, unchecked URL.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    // The addresses a name resolves to are checked as the connection is made, not only the name.
                    ConnectCallback = async (context, ct) =>
                    {
                        var host = context.DnsEndPoint.Host;
                        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
                        var allowed = addresses.Where(a => policy.MayConnect(host, a)).ToList();
                        if (allowed.Count == 0) throw new HttpRequestException($"The address of '{host}' is not allowed for webhooks.");
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                };
            });
        return services;
    }
}
