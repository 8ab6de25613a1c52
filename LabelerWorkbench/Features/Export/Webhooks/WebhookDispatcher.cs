using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using LabelerWorkbench.Cluster;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export.Webhooks;

/// <summary>
/// Sends due outbox deliveries: POSTs the stored payload, signed, and records every attempt. A 2xx marks it
/// delivered; anything else is retried with exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>.
/// State lives only in the database, so deliveries pending at a stop go out after the next start. With several
/// nodes one of them dispatches at a time (<see cref="SingletonRoles"/>); when it dies another takes over.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<WorkbenchDb> dbFactory, IHttpClientFactory http, WebhookUrlPolicy policy, SingletonRoles roles,
    TimeProvider clock, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public const string ClientName = "webhooks";
    public const string Role = "webhook-dispatcher";

    /// <summary>Long enough for one attempt to end (it renews before each), short enough for a quick take-over.</summary>
    TimeSpan Term => TimeSpan.FromSeconds(Math.Max(30, 3 * policy.Options.TimeoutSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!policy.Options.Dispatch) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogError(ex, "The webhook dispatcher failed a round; it goes on"); }
            await Task.Delay(TimeSpan.FromSeconds(policy.Options.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await roles.ReleaseAsync(Role);
    }

    /// <returns>How many deliveries were attempted: none unless this node is the dispatcher.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (!await roles.TryHoldAsync(Role, Term, ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(20).ToListAsync(ct);
        var attempted = 0;
        foreach (var delivery in due)
        {
            // Renewed before each attempt, so the role cannot pass to another node while one is under way.
            if (attempted > 0 && !await roles.TryHoldAsync(Role, Term, ct)) break;
            await AttemptAsync(db, delivery, ct);
            attempted++;
        }
        return attempted;
    }

    async Task AttemptAsync(WorkbenchDb db, WebhookDelivery delivery, CancellationToken ct)
    {
        var secret = await db.Projects.Where(p => p.Id == delivery.ProjectId).Select(p => p.WebhookSecret).FirstAsync(ct);
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var attempt = new WebhookAttempt { DeliveryId = delivery.Id, Number = delivery.Attempts + 1, At = clock.GetUtcNow().UtcDateTime };
        var watch = Stopwatch.StartNew();
        // Checked again at send time: the allowed hosts may have changed since the URL was accepted.
        if (policy.Check(delivery.Url) is { } refused) attempt.Error = refused;
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret ?? "", body));
                request.Headers.Add("X-Workbench-Event", delivery.EventType);
                request.Headers.Add("X-Workbench-Delivery", delivery.Id.ToString());
                request.Headers.UserAgent.ParseAdd("LabelerWorkbench-Webhooks/1");
                using var response = await http.CreateClient(ClientName).SendAsync(request, ct);
                attempt.StatusCode = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode) attempt.Error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException && !ct.IsCancellationRequested)
            {
                attempt.Error = ex is TaskCanceledException ? $"No answer within {policy.Options.TimeoutSeconds} s" : ex.InnerException?.Message ?? ex.Message;
            }
        }
        attempt.DurationMs = (int)watch.ElapsedMilliseconds;
        if (attempt.Error is { Length: > 2000 } e) attempt.Error = e[..2000];

        delivery.Attempts = attempt.Number;
        delivery.LastError = attempt.Error;
        var now = clock.GetUtcNow().UtcDateTime;
        if (attempt.Error is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
        }
        else if (delivery.Attempts >= policy.Options.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
            log.LogWarning("Webhook delivery {Id} to {Url} gave up after {Attempts} attempts: {Error}", delivery.Id, delivery.Url, delivery.Attempts, attempt.Error);
        }
        else delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
        db.WebhookAttempts.Add(attempt);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>base × 2^(n−1), at most an hour: 10 s, 20 s, 40 s … with the default base.</summary>
    public TimeSpan Backoff(int attemptsSoFar) =>
        TimeSpan.FromSeconds(Math.Min(3600, policy.Options.RetryBaseSeconds * Math.Pow(2, attemptsSoFar - 1)));
}
