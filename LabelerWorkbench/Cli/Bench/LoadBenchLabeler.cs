using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Account;
using LabelerWorkbench.Features.Editor.Document;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// One simulated labeler: a REST client with its own cookies (no Blazor circuit), signed in to one node. It leases
/// a task, opens its draft, saves a box edit every <c>saveEvery</c>, submits after K saves and goes on with the task
/// the submit hands back. Every request is timed and every failure counted by kind.
/// </summary>
public sealed class LoadBenchLabeler(string baseUrl, string email, LoadBenchSeed seed, LoadBenchRecorder recorder) : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    // One connection, as a browser tab's fetches would mostly use; cookies kept per labeler.
    readonly HttpClient http = CreateClient(baseUrl);
    // Set by the last failed request: a 404 or 409 means the task is gone or someone else's, so saving again cannot help.
    bool lastStatusMeansLost;

    static HttpClient CreateClient(string baseUrl)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 1 })
        {
            BaseAddress = new Uri(baseUrl), Timeout = RequestTimeout,
        };
        // The app's own pages send their origin with every write (SameOriginWrites refuses other sites').
        client.DefaultRequestHeaders.Add("Origin", baseUrl);
        return client;
    }

    public async Task<bool> SignInAsync(CancellationToken ct)
    {
        using var response = await SendAsync(LoadBenchOp.Login, () => http.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, seed.Password), Json, ct));
        return response is not null;
    }

    /// <summary>Works until <paramref name="stop"/>; the request in flight then finishes (and counts) before it returns.</summary>
    /// <param name="firstSaveDelay">Spreads the labelers' saves and submits over time, as real people do not work in step.</param>
    public async Task RunAsync(TimeSpan saveEvery, int savesPerTask, TimeSpan firstSaveDelay, CancellationToken stop)
    {
        var random = new Random(email.GetHashCode());
        int? taskId = null;
        var nextSave = Stopwatch.GetTimestamp() + (long)(firstSaveDelay.TotalSeconds * Stopwatch.Frequency);
        while (!stop.IsCancellationRequested)
        {
            try { (taskId, nextSave) = await WorkOnTaskAsync(taskId, nextSave, random, saveEvery, savesPerTask, stop); }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or IOException)
            {
                // An answer the client could not read: counted, and the labeler starts over with a fresh lease.
                recorder.Failed($"client: unreadable answer ({ex.GetType().Name})");
                taskId = null;
                await Pause(saveEvery, stop);
            }
        }
    }

    /// <summary>One task from lease (or the task the last submit handed over) to submit.</summary>
    /// <returns>The next task, if the submit leased one, and the next save slot.</returns>
    async Task<(int? Next, long NextSave)> WorkOnTaskAsync(int? taskId, long nextSave, Random random, TimeSpan saveEvery, int savesPerTask, CancellationToken stop)
    {
        taskId ??= await LeaseAsync();
        // No task (the queue is empty, or the lease failed) or one that will not open: wait a while, lease again.
        if (taskId is null || !await OpenAsync(taskId.Value))
        {
            await Pause(saveEvery, stop);
            return (null, nextSave);
        }
        var region = Guid.NewGuid();
        var (x, y) = (random.Next(10, seed.ImageWidth / 2), random.Next(10, seed.ImageHeight / 2));
        for (var save = 0; save < savesPerTask; save++)
        {
            await WaitUntil(nextSave, stop);
            if (stop.IsCancellationRequested) return (null, nextSave);
            nextSave = NextSlot(nextSave, saveEvery);
            // The box moves by a pixel or two per save, as a labeler nudging a corner would.
            var box = new RegionDto(region, "box", seed.ClassId, [[x, y], [x + 60 + save, y + 30 + save]], null);
            if (!await SaveAsync(taskId.Value, box)) return (null, nextSave);
        }
        return (stop.IsCancellationRequested ? null : await SubmitAsync(taskId.Value), nextSave);
    }

    async Task<int?> LeaseAsync()
    {
        using var response = await SendAsync(LoadBenchOp.Lease, () => http.PostAsync($"/api/projects/{seed.ProjectId}/lease", null, CancellationToken.None));
        if (response is null) return null;
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            recorder.Failed(LoadBenchOp.Lease, "queue empty (204)");
            return null;
        }
        return (await response.Content.ReadFromJsonAsync<LeaseResponse>(Json, CancellationToken.None))?.TaskId;
    }

    async Task<bool> OpenAsync(int taskId)
    {
        using var response = await SendAsync(LoadBenchOp.Open, () => http.GetAsync($"/api/tasks/{taskId}/draft", CancellationToken.None));
        return response is not null;
    }

    /// <returns>False when the task is no longer this labeler's to save (the next step is a new lease).</returns>
    async Task<bool> SaveAsync(int taskId, RegionDto box)
    {
        var body = new DraftEdits([box], []);
        using var response = await SendAsync(LoadBenchOp.Save, () => http.PutAsJsonAsync($"/api/tasks/{taskId}/draft", body, Json, CancellationToken.None));
        return response is not null || !lastStatusMeansLost;
    }

    /// <returns>The next task the submit leased, if any.</returns>
    async Task<int?> SubmitAsync(int taskId)
    {
        using var response = await SendAsync(LoadBenchOp.Submit, () => http.PostAsync($"/api/tasks/{taskId}/submit", null, CancellationToken.None));
        if (response is null) return null;
        return (await response.Content.ReadFromJsonAsync<SubmitResponse>(Json, CancellationToken.None))?.NextTaskId;
    }

    /// <summary>
    /// Sends one request (never cancelled half-way: the run's end lets it finish) and records it.
    /// Returns the response when it succeeded, null after recording the failure.
    /// </summary>
    async Task<HttpResponseMessage?> SendAsync(LoadBenchOp op, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        lastStatusMeansLost = false;
        try
        {
            var response = await send();
            if (response.IsSuccessStatusCode)
            {
                recorder.Succeeded(op, started);
                return response;
            }
            recorder.Failed(op, $"{(int)response.StatusCode} {await ProblemTitle(response)}".TrimEnd());
            lastStatusMeansLost = response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound;
            response.Dispose();
        }
        // Requests are sent without the run's token, so a cancellation is the client's timeout.
        catch (TaskCanceledException) { recorder.Failed(op, $"timeout (>{RequestTimeout.TotalSeconds:F0} s)"); }
        catch (HttpRequestException ex) { recorder.Failed(op, $"{ex.HttpRequestError}"); }
        return null;
    }

    /// <summary>The problem-details detail of a refusal, cut short: it tells a lost lease from a race.</summary>
    static async Task<string> ProblemTitle(HttpResponseMessage response)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
            var text = problem.TryGetProperty("detail", out var d) ? d.GetString() : problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            return text is null ? "" : text.Length <= 70 ? text : text[..70] + "…";
        }
        catch (Exception) { return ""; }
    }

    /// <summary>The next save slot after <paramref name="slot"/>; slots missed by a slow save are skipped, not crowded in.</summary>
    static long NextSlot(long slot, TimeSpan every)
    {
        var step = (long)(every.TotalSeconds * Stopwatch.Frequency);
        var next = slot + step;
        var now = Stopwatch.GetTimestamp();
        return next >= now ? next : now + step - (now - next) % step;
    }

    static async Task WaitUntil(long timestamp, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero) await Pause(wait, stop);
    }

    static async Task Pause(TimeSpan wait, CancellationToken stop)
    {
        try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { }
    }

    public void Dispose() => http.Dispose();
}
