using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelerWorkbench.Tests.Infrastructure;

/// <summary>A real HTTP server on a free local port that records every webhook POST and can fail the first few.</summary>
public sealed class TestReceiver : IAsyncDisposable
{
    public sealed record Received(byte[] Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith);

    readonly WebApplication app;
    int failuresLeft;
    public ConcurrentQueue<Received> Requests { get; } = new();
    public string Url { get; }

    TestReceiver(WebApplication app, string url) => (this.app, Url) = (app, url);

    public static async Task<TestReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var status = Interlocked.Decrement(ref receiver!.failuresLeft) >= 0 ? 500 : 200;
            receiver.Requests.Enqueue(new Received(buffer.ToArray(), http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new TestReceiver(app, address + "/hook") { failuresLeft = failFirst };
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
