using System.IO.Compression;
using System.Net;
using System.Text.Json;
using LabelerWorkbench.Cli;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>Exports of the demo's accepted work (its two gold scenes) through the background jobs, the download link and the command line.</summary>
public class ExportTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    async Task<ExportJob> RunAsync(ExportOptions options)
    {
        var jobs = app.Get<ExportJobs>();
        var id = await jobs.QueueAsync(app.DemoProjectId(), options, await app.UserIdAsync(DemoSeeder.Users[0]));
        return await Eventually.Get(async () => await jobs.FindAsync(id) is { Status: ExportJobStatus.Done or ExportJobStatus.Failed } j ? j : null, $"export {id}");
    }

    [Fact]
    public async Task ABackgroundExport_IsDownloadableByALead_AndNotByALabeler()
    {
        var job = await RunAsync(new ExportOptions(ExportFormat.Coco));
        Assert.Equal(ExportJobStatus.Done, job.Status);
        Assert.Equal(2, job.ItemCount);

        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        var response = await lead.GetAsync($"/exports/{job.Id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Demo-coco-", response.Content.Headers.ContentDisposition?.FileName);
        using var coco = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["parking-notice.png", "street-sign.png"],
            coco.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()).Order());
        Assert.True(coco.RootElement.GetProperty("annotations").GetArrayLength() >= 5);

        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var refused = await labeler.GetAsync($"/exports/{job.Id}/file");
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/exports/999999/file")).StatusCode);
    }

    [Fact]
    public async Task ADateRangeWithNoWork_ExportsNothing_AndAllIncludesTheSame_AcceptedTasks()
    {
        var future = app.Clock.GetUtcNow().UtcDateTime.AddDays(10);
        var empty = await RunAsync(new ExportOptions(ExportFormat.Jsonl, From: future));
        Assert.Equal(0, empty.ItemCount);
        var past = await RunAsync(new ExportOptions(ExportFormat.Jsonl, To: app.Clock.GetUtcNow().UtcDateTime.AddDays(1)));
        Assert.Equal(2, past.ItemCount);
        var all = await RunAsync(new ExportOptions(ExportFormat.Jsonl, AcceptedOnly: false));
        Assert.True(all.ItemCount >= 2);
    }

    [Fact]
    public async Task TheCommandLine_ExportsFromTheConfiguredDatabase()
    {
        var output = Path.Combine(app.DataDir, "cli", "demo-yolo.zip");
        _ = app.Services; // the app (and its database) exist
        Assert.Equal(0, await ExportCommand.RunAsync(["--project", "Demo", "--format", "yolo", "--out", output, .. app.DatabaseArgs]));
        using (var zip = ZipFile.OpenRead(output))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "data.yaml");
            Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("labels/")));
        }
        Assert.Equal(1, await ExportCommand.RunAsync(["--project", "No such", "--format", "coco", "--out", output + ".json", .. app.DatabaseArgs]));
        Assert.Equal(2, await ExportCommand.RunAsync(["--project", "Demo", "--format", "tiff", "--out", output, .. app.DatabaseArgs]));
    }
}
