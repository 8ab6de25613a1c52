using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>An upload arriving while the decode budget is spent is told to come back, not decoded on top of it.</summary>
public sealed class DecodeBudgetTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    static MultipartFormDataContent Form(int seed)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(TestImages.Png(64, 48, seed));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(content, "files", $"budget-{seed}.png");
        return form;
    }

    [Fact]
    public async Task AnUploadWhileTheBudgetIsSpent_Gets503WithRetryAfter_AndSucceedsOnceThereIsRoom()
    {
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        var budget = app.Get<DecodeBudget>();
        var url = $"/api/projects/{app.DemoProjectId()}/images";

        var held = await budget.TryReserveAsync(budget.Capacity);   // other large images being checked
        var busy = await lead.PostAsync(url, Form(7301));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", await busy.Content.ReadAsStringAsync());

        held!.Dispose();
        var retried = await lead.PostAsync(url, Form(7301));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var result = Assert.Single((await retried.Content.ReadFromJsonAsync<List<ImportFileResult>>())!);
        Assert.Equal(ImportOutcome.Imported, result.Outcome);
    }
}
