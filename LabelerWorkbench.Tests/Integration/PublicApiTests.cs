using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LabelerWorkbench.Features.Export.ApiKeys;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>The integration API: keys, scoping, problem details, and no half-written request.</summary>
public class PublicApiTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    async Task<HttpClient> ClientAsync(int? projectId)
    {
        var (key, _) = await app.Get<ApiKeyService>().CreateAsync(projectId, "tests", "lead");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    async Task<int> OtherProjectAsync()
    {
        await using (var db = app.Db())
            if (await db.Projects.FirstOrDefaultAsync(p => p.Name == "Other team") is { } existing) return existing.Id;
        var (id, problems) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel { Name = "Other team", Classes = [new LabelClassInput { Name = "Box" }] });
        Assert.Empty(problems);
        return id!.Value;
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        return doc.RootElement.Clone();
    }

    async Task<int> TaskCountAsync()
    {
        await using var db = app.Db();
        return await db.Tasks.CountAsync();
    }

    [Fact]
    public async Task NoKey_ABadKey_ARevokedKey_OrACookie_Get401()
    {
        var url = $"/api/v1/projects/{app.DemoProjectId()}/tasks";
        var anonymous = app.CreateClient();
        var none = await anonymous.GetAsync(url);
        await ProblemAsync(none, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lwk_000000000000_guess");
        await ProblemAsync(await anonymous.GetAsync(url), HttpStatusCode.Unauthorized);

        var keys = app.Get<ApiKeyService>();
        var (key, view) = await keys.CreateAsync(app.DemoProjectId(), "soon revoked", "lead");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.True(await keys.RevokeAsync(view.Id));
        await ProblemAsync(await client.GetAsync(url), HttpStatusCode.Unauthorized);

        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        await ProblemAsync(await lead.GetAsync(url), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeysAreStoredHashed()
    {
        var (key, view) = await app.Get<ApiKeyService>().CreateAsync(app.DemoProjectId(), "hash check", "lead");
        await using var db = app.Db();
        var row = await db.ApiKeys.SingleAsync(k => k.Id == view.Id);
        Assert.DoesNotContain(key.Split('_')[2], row.SecretHash);
        Assert.Equal(64, row.SecretHash.Length);
    }

    [Fact]
    public async Task AKeyOfAnotherProject_SeesNothingOfThisOne()
    {
        var other = await ClientAsync(await OtherProjectAsync());
        var demo = app.DemoProjectId();
        int acceptedTask;
        await using (var db = app.Db())
            acceptedTask = await db.Tasks.Where(t => t.ProjectId == demo && t.Status == LabelTaskStatus.Accepted).Select(t => t.Id).FirstAsync();
        await ProblemAsync(await other.GetAsync($"/api/v1/projects/{demo}/tasks"), HttpStatusCode.NotFound);
        await ProblemAsync(await other.GetAsync($"/api/v1/projects/{demo}/tasks/{acceptedTask}/result"), HttpStatusCode.NotFound);
        await ProblemAsync(await other.GetAsync($"/api/v1/projects/{demo}/quality-events"), HttpStatusCode.NotFound);
        var before = await TaskCountAsync();
        await ProblemAsync(await other.PostAsJsonAsync($"/api/v1/projects/{demo}/tasks", new { path = "/tmp" }), HttpStatusCode.NotFound);
        Assert.Equal(before, await TaskCountAsync());
        // A demo task id asked for under the key's own project is not found either.
        await ProblemAsync(await other.GetAsync($"/api/v1/projects/{await OtherProjectAsync()}/tasks/{acceptedTask}"), HttpStatusCode.NotFound);
        // And a project key cannot create projects.
        await ProblemAsync(await other.PostAsJsonAsync("/api/v1/projects", new { name = "Sneaky" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{not json", "application/json", "not valid JSON")]
    [InlineData("{\"path\": 5}", "application/json", "not valid JSON")]
    [InlineData("{\"callback_url\": \"https://hooks.example.com/x\"}", "application/json", "path")]
    [InlineData("{\"path\": \"/etc\"}", "application/json", "Imports may only come from")]
    [InlineData("{\"path\": \"import\", \"callback_url\": \"file:///etc/passwd\"}", "application/json", "scheme")]
    [InlineData("{\"path\": \"import\", \"callback_url\": \"http://localhost/api/v1/projects\"}", "application/json", "this server")]
    [InlineData("path=import", "text/plain", "", HttpStatusCode.UnsupportedMediaType)]
    public async Task MalformedTaskRequests_Get400ProblemDetails_AndAddNothing(string body, string type, string expected, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var client = await ClientAsync(app.DemoProjectId());
        var before = await TaskCountAsync();
        var response = await client.PostAsync($"/api/v1/projects/{app.DemoProjectId()}/tasks", new StringContent(body.Replace("\"import\"", JsonSerializer.Serialize(ImportFolder())), Encoding.UTF8, type));
        var problem = await ProblemAsync(response, status);
        if (expected.Length > 0) Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await TaskCountAsync());
    }

    string ImportFolder()
    {
        var folder = Path.Combine(app.DataDir, "import", "api");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "from-disk.png"), TestImages.Png(64, 48, 777));
        return folder;
    }

    [Fact]
    public async Task TasksAreAdded_ByUploadWithACallback_AndByServerPath_ThenListed()
    {
        var project = app.DemoProjectId();
        var client = await ClientAsync(project);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(100, 50, 4242));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files", "api-upload.png");
        form.Add(new StringContent("https://hooks.example.com/done"), "callback_url");
        var upload = await client.PostAsync($"/api/v1/projects/{project}/tasks", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        using var uploaded = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());
        var result = uploaded.RootElement[0];
        Assert.Equal("imported", result.GetProperty("outcome").GetString());
        var taskId = result.GetProperty("task_id").GetInt32();

        using var task = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/tasks/{taskId}"));
        Assert.Equal("ready", task.RootElement.GetProperty("status").GetString());
        Assert.Equal("https://hooks.example.com/done", task.RootElement.GetProperty("callback_url").GetString());
        await using (var db = app.Db())
            Assert.NotNull((await db.Projects.SingleAsync(p => p.Id == project)).WebhookSecret);

        var byPath = await client.PostAsJsonAsync($"/api/v1/projects/{project}/tasks", new { path = Path.Combine(ImportFolder(), "from-disk.png") });
        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Contains("from-disk.png", await byPath.Content.ReadAsStringAsync());

        using var ready = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/tasks?status=ready&limit=1000"));
        var names = ready.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("file_name").GetString()).ToList();
        Assert.Contains("api-upload.png", names);
        Assert.Contains("from-disk.png", names);
        using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/tasks?limit=2"));
        Assert.Equal(2, page.RootElement.GetProperty("tasks").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, page.RootElement.GetProperty("next_after").ValueKind);
        await ProblemAsync(await client.GetAsync($"/api/v1/projects/{project}/tasks?status=finished"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheResultOfAnAcceptedTask_HasItsRegions_AndAnUnfinishedTaskHasNone()
    {
        var project = app.DemoProjectId();
        var client = await ClientAsync(project);
        int accepted, ready;
        await using (var db = app.Db())
        {
            accepted = await db.Tasks.Where(t => t.ProjectId == project && t.Status == LabelTaskStatus.Accepted && t.FileName == "street-sign.png").Select(t => t.Id).FirstAsync();
            ready = await db.Tasks.Where(t => t.ProjectId == project && t.Status == LabelTaskStatus.Ready).Select(t => t.Id).FirstAsync();
        }
        using var result = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/tasks/{accepted}/result"));
        Assert.Equal("task.completed", result.RootElement.GetProperty("event").GetString());
        var regions = result.RootElement.GetProperty("regions").EnumerateArray().ToList();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.Equal("Text line", r.GetProperty("class").GetString()));
        await ProblemAsync(await client.GetAsync($"/api/v1/projects/{project}/tasks/{ready}/result"), HttpStatusCode.Conflict);
        await ProblemAsync(await client.GetAsync($"/api/v1/projects/{project}/tasks/99999/result"), HttpStatusCode.NotFound);
        using var events = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/quality-events"));
        Assert.Equal(JsonValueKind.Array, events.RootElement.GetProperty("events").ValueKind);
    }

    [Fact]
    public async Task AProjectIsCreated_WithAKeyMadeForThat_AndAnInvalidOneWritesNothing()
    {
        var admin = await ClientAsync(null);
        int before;
        await using (var db = app.Db()) before = await db.Projects.CountAsync();
        var invalid = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/projects", new { name = "", classes = new[] { new { name = "A" }, new { name = "A" } } }), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("problems").GetArrayLength() >= 1);
        await ProblemAsync(await admin.PostAsync("/api/v1/projects", new StringContent("[1,2", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await using (var db = app.Db()) Assert.Equal(before, await db.Projects.CountAsync());

        var created = await admin.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Receipts <script>", instructions = "Box every *total*.",
            classes = new object[] { new { name = "Total", requires_transcription = true }, new { name = "Logo", allow_polygon = false } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await using var check = app.Db();
        var project = await check.Projects.Include(p => p.Classes).SingleAsync(p => p.Id == id);
        Assert.Equal("Receipts <script>", project.Name);
        Assert.True(project.Classes.Single(c => c.Name == "Total").RequiresTranscription);
        Assert.False(project.Classes.Single(c => c.Name == "Logo").AllowPolygon);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheApi()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/tasks", out var tasks));
        Assert.True(tasks.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/tasks/{taskId}/result", out _));
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/quality-events", out _));
    }
}
