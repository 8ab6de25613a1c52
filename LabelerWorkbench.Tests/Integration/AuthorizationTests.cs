using System.Net;
using System.Net.Http.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LabelerWorkbench.Tests.Integration;

public class AuthorizationTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task AnonymousVisitor_IsSentToTheLoginPage()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);

        var login = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
    }

    [Theory]
    [InlineData("/projects")]
    [InlineData("/projects/new")]
    [InlineData("/projects/1")]
    public async Task Labeler_Gets403_OnLeadPages(string page)
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1], followRedirects: true);
        var response = await labeler.GetAsync(page);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("does not allow this page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Labeler_Gets403_OnLeadApi_AndReviewerCannotLease()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(10, 10, 1)), "files", "x.png" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.PostAsync("/api/projects/1/images", form)).StatusCode);

        var reviewer = await app.SignInAsync(DemoSeeder.Users[3]);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync("/api/projects/1/lease", null)).StatusCode);
    }

    [Fact]
    public async Task Labeler_CannotReachAnotherProjectsTasks_ByUrlOrApi()
    {
        var (secret, _) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = "Secret",
            Classes = [new() { Name = "Text" }],
        });
        var imported = await app.Get<ImportService>().ImportAsync(secret!.Value, "secret.png", new MemoryStream(TestImages.Png(50, 50, 9001)));
        var taskId = imported.TaskId!.Value;

        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.PostAsync($"/api/projects/{secret}/lease", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync($"/api/tasks/{taskId}/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync($"/api/tasks/{taskId}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync($"/api/images/{(await DbSha(taskId))}")).StatusCode);
        // Submitting another project's task and a task that does not exist answer alike: nothing tells which exists.
        var theirs = await labeler.PostAsync($"/api/tasks/{taskId}/submit", null);
        var none = await labeler.PostAsync("/api/tasks/987654/submit", null);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(Detail(await none.Content.ReadAsStringAsync()), Detail(await theirs.Content.ReadAsStringAsync()));
        var projects = await labeler.GetFromJsonAsync<List<ProjectSummary>>("/api/projects");
        Assert.DoesNotContain(projects!, p => p.Name == "Secret");
        var (session, error) = await app.Get<LabelerWorkbench.Features.Annotate.LabelingService>().OpenAsync(taskId, await LabelerId());
        Assert.Null(session);
        Assert.Equal("This task does not exist or is not yours.", error);
    }

    private static string? Detail(string problem) => System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString();

    [Fact]
    public async Task ACookieWriteFromAnotherSite_IsRefused_WhileTheSiteItselfAndApiKeysWork()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var lease = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{app.DemoProjectId()}/lease");
        lease.Headers.Add("Origin", "https://evil.example");
        var refused = await labeler.SendAsync(lease);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("this site's own pages", await refused.Content.ReadAsStringAsync());

        var crossSiteNoOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{app.DemoProjectId()}/lease");
        crossSiteNoOrigin.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.SendAsync(crossSiteNoOrigin)).StatusCode);

        var sameSite = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{app.DemoProjectId()}/lease");
        sameSite.Headers.Add("Origin", labeler.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.True((await labeler.SendAsync(sameSite)).IsSuccessStatusCode);

        // Reads are not writes: a cross-site GET still answers (the data is only the user's, and no cookie reaches it from another site under SameSite=Lax).
        var read = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        read.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, (await labeler.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task ManyFailedSignInsFromOneAddress_AcrossAccounts_MakeItWait()
    {
        // A factory of its own: the throttle is per address, and the test client's address is the same for every test.
        await using var own = new WorkbenchFactory();
        var client = own.CreateClient();
        for (var i = 0; i < LabelerWorkbench.Features.Account.SignInThrottle.MaxFailures; i++)
        {
            // Each guess on another account, so no account's own lockout is reached.
            var guess = await client.PostAsJsonAsync("/api/auth/login", new { email = $"guess{i}@example.com", password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.Users[1].Email, password = DemoSeeder.Users[1].Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("this address", await right.Content.ReadAsStringAsync());
    }

    private async Task<string> LabelerId()
    {
        await using var db = app.Db();
        return db.Users.Single(u => u.Email == DemoSeeder.Users[1].Email).Id;
    }

    private async Task<string> DbSha(int taskId)
    {
        await using var db = app.Db();
        return db.Tasks.Single(t => t.Id == taskId).ImageSha256;
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithoutSayingWhichPartWasWrong()
    {
        var client = app.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = "labeler@demo.local", password = "nope" });
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = "ghost@demo.local", password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("Wrong email or password", await wrong.Content.ReadAsStringAsync());
    }
}
