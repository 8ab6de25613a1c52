using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>A draft body the server cannot read is answered with a problem-details 400 that says where and what is wrong.</summary>
public class MalformedDraftTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Theory]
    [InlineData("""{"upserts":[{"id":"6f1c2b9e-8d1a-4c55-9c43-0a6b1f1f2a11","kind":"box","classId":1,"points":"abc"}]}""", "$.upserts[0].points", "[x, y] number pairs")]
    [InlineData("""{"upserts":[{"id":"not a guid","kind":"box","classId":1,"points":[[1,2],[3,4]]}]}""", "$.upserts[0].id", "GUID")]
    [InlineData("""{"deletes":"all"}""", "$.deletes", "region ids")]
    [InlineData("""{"upserts":[{"id":""", "not valid JSON", "line 1")]
    [InlineData("""{"upserts": nope}""", "not valid JSON", "line 1")]
    public async Task AMalformedDraftBody_Gets400ProblemDetails_SayingWhatIsWrong(string body, string where, string what)
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var lease = await labeler.PostAsync($"/api/projects/{app.DemoProjectId()}/lease", null);
        var taskId = (await lease.Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;

        var response = await labeler.PutAsync($"/api/tasks/{taskId}/draft", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(where, detail);
        Assert.Contains(what, detail);
        Assert.DoesNotContain("System.", detail);   // no .NET type names, which mean nothing to the client
    }

    [Fact]
    public async Task ADraftBodyThatIsNotJson_IsRefusedAsTheWrongMediaType()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{app.DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        var response = await labeler.PutAsync($"/api/tasks/{taskId}/draft", new StringContent("upserts=1", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
