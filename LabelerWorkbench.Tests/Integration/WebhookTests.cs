using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Export.Webhooks;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Review;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>An app whose webhooks may reach the local test receiver, and whose demo accepts submissions without review.</summary>
public class WebhookFactory : WorkbenchFactory
{
    public double PollSeconds { get; init; } = 0.1;
    public bool Dispatch { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
        builder.UseSetting("Webhooks:PollSeconds", PollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Webhooks:Dispatch", Dispatch.ToString());
    }
}

/// <summary>Task completions reach registered webhooks and task callbacks, signed, retried, and not lost across a restart.</summary>
public class WebhookTests
{
    static async Task<int> CompleteATaskAsync(WorkbenchFactory app)
    {
        await app.SetQualityAsync(q => { q.ReviewBaseRate = 0; q.ReviewNewLabelerTasks = 0; });
        var labeling = app.Get<LabelingService>();
        var labeler = await app.UserIdAsync(DemoSeeder.Users[1]);
        var taskId = (await labeling.LeaseNextAsync(app.DemoProjectId(), labeler))!.Value;
        Assert.True((await labeling.SubmitAsync(taskId, labeler)).Ok);
        await using var db = app.Db();
        Assert.Equal(LabelTaskStatus.Accepted, (await db.Tasks.SingleAsync(t => t.Id == taskId)).Status);
        return taskId;
    }

    static async Task<WebhookDelivery> DeliveryAsync(WorkbenchFactory app, int taskId, Func<WebhookDelivery, bool> done) =>
        await Eventually.Get(async () =>
        {
            await using var db = app.Db();
            return await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.TaskId == taskId) is { } d && done(d) ? d : null;
        }, $"the delivery of task {taskId}");

    [Fact]
    public async Task ACompletedTask_IsPostedToTheWebhook_SignedWithTheProjectSecret()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var app = new WebhookFactory();
        var webhooks = app.Get<WebhookService>();
        Assert.Null(await webhooks.AddAsync(app.DemoProjectId(), receiver.Url, "lead"));
        var secret = await webhooks.SecretAsync(app.DemoProjectId());

        var taskId = await CompleteATaskAsync(app);
        var delivery = await DeliveryAsync(app, taskId, d => d.Status == DeliveryStatus.Delivered);

        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(secret, request.Body, request.Headers[WebhookSignature.Header]), "the signature verifies");
        Assert.False(WebhookSignature.Verify("whsec_wrong", request.Body, request.Headers[WebhookSignature.Header]));
        Assert.Equal("task.completed", request.Headers["X-Workbench-Event"]);
        Assert.Equal(delivery.Id.ToString(), request.Headers["X-Workbench-Delivery"]);
        using var payload = JsonDocument.Parse(request.Body);
        Assert.Equal(taskId, payload.RootElement.GetProperty("task_id").GetInt32());
        Assert.Equal("accepted", payload.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("regions").ValueKind);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task AReceiverThatFailsTwice_GetsThePayloadOnceMore_AfterBackedOffRetries_EachAttemptLogged()
    {
        await using var receiver = await TestReceiver.StartAsync(failFirst: 2);
        await using var app = new WebhookFactory();
        Assert.Null(await app.Get<WebhookService>().AddAsync(app.DemoProjectId(), receiver.Url, "lead"));
        var taskId = await CompleteATaskAsync(app);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var failed = await DeliveryAsync(app, taskId, d => d.Attempts == attempt);
            Assert.Equal(DeliveryStatus.Pending, failed.Status);
            Assert.Equal("HTTP 500 Internal Server Error", failed.LastError);
            // Not retried before its backoff is over: 10 s after the first failure, 20 s after the second.
            var wait = failed.NextAttemptAt - app.Clock.GetUtcNow().UtcDateTime;
            Assert.InRange(wait.TotalSeconds, 10 * Math.Pow(2, attempt - 1) - 1, 10 * Math.Pow(2, attempt - 1) + 1);
            await Task.Delay(300);
            Assert.Equal(attempt, receiver.Requests.Count);
            app.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        }
        var delivered = await DeliveryAsync(app, taskId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(3, delivered.Attempts);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);
        Assert.Equal([500, 500, 200], receiver.Requests.Select(r => r.AnsweredWith));
        Assert.Single(receiver.Requests.Select(r => Convert.ToHexString(r.Body)).Distinct());
        var attempts = await app.Get<WebhookService>().AttemptsAsync(delivered.Id);
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task WorkAcceptedAgainUnchanged_AfterALeadsSecondLook_IsNotAnnouncedTwice_ButAReviewersCorrectionIs()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var app = new WebhookFactory();
        var projectId = app.DemoProjectId();
        Assert.Null(await app.Get<WebhookService>().AddAsync(projectId, receiver.Url, "lead"));
        var taskId = await CompleteATaskAsync(app);
        await DeliveryAsync(app, taskId, d => d.Status == DeliveryStatus.Delivered);
        var lead = new Actor(await app.UserIdAsync(DemoSeeder.Users[0]), true);
        var reviewerId = await app.UserIdAsync(DemoSeeder.Users[3]);
        var review = app.Get<ReviewService>();

        // The lead asks for a second look; the reviewer accepts the same revision as it is.
        Assert.Equal(1, (await app.Get<TaskBulkActions>().SendToReviewAsync(projectId, [taskId], reviewerId, lead)).Done);
        var (session, error) = await review.OpenAsync(taskId, reviewerId, false);
        Assert.True(session is not null, error);
        Assert.Empty(await review.DecideAsync(taskId, reviewerId, false, ReviewVerdict.Accepted, session!.Submitted, [], ""));
        await Task.Delay(1_000); // ten polls of the dispatcher: time enough to send a second delivery, were there one
        await using (var db = app.Db())
            Assert.Equal([1], await db.WebhookDeliveries.Where(d => d.TaskId == taskId).Select(d => d.Revision ?? 0).ToListAsync());
        Assert.Single(receiver.Requests);

        // A second look in which the reviewer adds a region is new content: a new revision, announced once.
        Assert.Equal(1, (await app.Get<TaskBulkActions>().SendToReviewAsync(projectId, [taskId], reviewerId, lead)).Done);
        (session, error) = await review.OpenAsync(taskId, reviewerId, false);
        Assert.True(session is not null, error);
        var added = new RegionData(Guid.NewGuid(), GeometryKind.Box, session!.Schema.Classes.First(c => c.Name == "Text line").Id, [new(10, 10), new(60, 40)], "late", Provenance.Labeler(reviewerId));
        Assert.Empty(await review.DecideAsync(taskId, reviewerId, false, ReviewVerdict.Accepted, [.. session.Submitted, added],
            [new ReviewFix(added.Id, ErrorCode.MissedRegion)], ""));
        await Eventually.Get(() => Task.FromResult(receiver.Requests.Count >= 2 ? receiver : null), "the corrected revision's delivery");
        Assert.Equal([1, 2], receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task ADeliveryEnqueuedBeforeAStop_IsSentAfterTheNextStart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        int taskId;
        string dataDir;
        // First run: this instance does not dispatch, so the app stops with the delivery still in the outbox.
        await using (var first = new WebhookFactory { Dispatch = false, KeepData = true })
        {
            dataDir = first.DataDir;
            Assert.Null(await first.Get<WebhookService>().AddAsync(first.DemoProjectId(), receiver.Url, "lead"));
            taskId = await CompleteATaskAsync(first);
            await Task.Delay(300);
            await using var db = first.Db();
            Assert.Equal(DeliveryStatus.Pending, (await db.WebhookDeliveries.SingleAsync(d => d.TaskId == taskId)).Status);
            Assert.Empty(receiver.Requests);
        }
        await using var second = new WebhookFactory { DataDir = dataDir };
        _ = second.Services;
        var delivered = await DeliveryAsync(second, taskId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(taskId, JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement.GetProperty("task_id").GetInt32());
    }

    [Theory]
    [InlineData("file:///etc/passwd", "scheme")]
    [InlineData("gopher://127.0.0.1/x", "scheme")]
    [InlineData("not a url", "absolute")]
    [InlineData("http://user:pw@hooks.example.com/", "password")]
    [InlineData("http://169.254.169.254/latest/meta-data", "private")]
    [InlineData("http://10.0.0.5/hook", "private")]
    [InlineData("http://localhost:5000/hook", "private")]
    [InlineData("http://localhost.:5000/hook", "private")]
    [InlineData("http://api.localhost/hook", "private")]
    [InlineData("http://198.18.0.1/hook", "private")]
    [InlineData("http://[64:ff9b::7f00:1]/hook", "private")]
    [InlineData("http://[64:ff9b::a00:5]/hook", "private")]
    [InlineData("http://[2002:7f00:1::]/hook", "private")]
    [InlineData("http://[2002:c0a8:101::]/hook", "private")]
    [InlineData("http://[::10.0.0.1]/hook", "private")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", "private")]
    public async Task UnsafeCallbackUrls_AreRefused(string url, string reason)
    {
        await using var app = new WorkbenchFactory();
        var error = await app.Get<WebhookService>().AddAsync(app.DemoProjectId(), url, "lead");
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await app.Get<WebhookService>().ListAsync(app.DemoProjectId()));
    }

    [Fact]
    public async Task TheServerItself_IsRefusedEvenWhenLocalHostsAreAllowed_AndUnlistedHostsAreRefused()
    {
        await using var app = new WebhookFactory();
        var policy = app.Get<WebhookUrlPolicy>();
        Assert.Contains("this server", policy.Check("http://127.0.0.1:5123/api/v1/projects", new Uri("http://127.0.0.1:5123")));
        Assert.Contains("allowed hosts", policy.Check("https://hooks.example.com/x"));
        Assert.Null(policy.Check("http://127.0.0.1:5999/hook", new Uri("http://127.0.0.1:5123")));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:808:808::", true)]
    [InlineData("198.20.0.1", true)]
    [InlineData("198.19.255.1", false)]
    [InlineData("64:ff9b::c0a8:1", false)]
    [InlineData("2002:a9fe:a9fe::", false)]
    public void TransitionFormsAndReservedRanges_AreJudgedByTheAddressTheyCarry(string address, bool isPublic)
    {
        Assert.Equal(isPublic, WebhookUrlPolicy.IsPublic(System.Net.IPAddress.Parse(address)));
    }
}
