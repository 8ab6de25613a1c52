using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

public class ImportTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    private int DemoProjectId() => app.DemoProjectId();

    private static void AddFile(MultipartFormDataContent form, byte[] bytes, string name, string type = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(content, "files", name);
    }

    [Fact]
    public void FirstRun_SeedsTheDemoProjectWithItsSampleImages()
    {
        using var db = app.Db();
        var project = db.Projects.Include(p => p.Classes).Include(p => p.Members).Single(p => p.Name == DemoSeeder.ProjectName);
        var samples = SampleImages.Scenes.Select(s => s.Name).ToList();
        Assert.Equal(samples.Order(), db.Tasks.Where(t => t.ProjectId == project.Id && samples.Contains(t.FileName)).Select(t => t.FileName).AsEnumerable().Order());
        Assert.Equal(["Text line", "Price", "Logo"], project.Classes.OrderBy(c => c.SortOrder).Select(c => c.Name));
        Assert.Equal(3, project.Members.Count);
    }

    [Fact]
    public async Task CorruptFiles_InABatch_AreRefused_AndTheOthersImported()
    {
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        using var form = new MultipartFormDataContent();
        AddFile(form, TestImages.Png(120, 80, 501), "good-1.png");
        AddFile(form, TestImages.TruncatedPng(), "cut.png");
        AddFile(form, TestImages.NotAnImage(), "page.png", "text/html");
        AddFile(form, TestImages.Png(90, 60, 502), "good-2.png");
        AddFile(form, TestImages.Png(120, 80, 501), "good-1-again.png");
        var response = await lead.PostAsync($"/api/projects/{DemoProjectId()}/images", form);
        var results = (await response.Content.ReadFromJsonAsync<List<ImportFileResult>>())!;

        Assert.Equal(
            [ImportOutcome.Imported, ImportOutcome.Refused, ImportOutcome.Refused, ImportOutcome.Imported, ImportOutcome.AlreadyInProject],
            results.Select(r => r.Outcome));
        Assert.Contains("truncated or corrupt", results[1].Message);
        Assert.Contains("Not an image", results[2].Message);
        Assert.Contains("good-1.png", results[4].Message);
        await using var db = app.Db();
        Assert.True(await db.Tasks.AnyAsync(t => t.FileName == "good-2.png"));
        Assert.False(await db.Tasks.AnyAsync(t => t.FileName == "cut.png"));
    }

    [Fact]
    public async Task FolderImport_ReadsAllowedFolders_AndRefusesEverythingElse()
    {
        var import = app.Get<ImportService>();
        var folder = Path.Combine(app.DataDir, "import", "batch");
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.png"), TestImages.Png(40, 40, 601));
        await File.WriteAllBytesAsync(Path.Combine(folder, "nested", "b.png"), TestImages.Png(40, 40, 602));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not an image");

        var (files, error) = import.ListFolder(folder);
        Assert.Null(error);
        Assert.Equal(["a.png", "b.png"], files.Select(Path.GetFileName));

        Assert.Contains("may only come from", import.ListFolder("/etc").Error);
        Assert.Contains("may only come from", import.ListFolder(Path.Combine(folder, "..", "..", "..")).Error);
        var outside = Path.Combine(Path.GetTempPath(), "lw-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, "escape"), outside);
            Assert.Contains("may only come from", import.ListFolder(Path.Combine(folder, "escape")).Error);
        }
        finally { Directory.Delete(outside, true); }
    }

    [Fact]
    public async Task OversizedFile_IsRefusedWithTheLimit()
    {
        var import = app.Get<ImportService>();
        var huge = new MemoryStream(new byte[import.Options.MaxFileBytes + 1]);
        var result = await import.ImportAsync(DemoProjectId(), "huge.png", huge);
        Assert.Equal(ImportOutcome.Refused, result.Outcome);
        Assert.Contains("larger than the", result.Message);
    }

    [Fact]
    public async Task Images_AreServedOnlyToPeopleOfTheirProject_WithTheirOwnType()
    {
        await using var db = app.Db();
        var sha = await db.Tasks.Where(t => t.ProjectId == DemoProjectId()).Select(t => t.ImageSha256).FirstAsync();
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var image = await labeler.GetAsync($"/api/images/{sha}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync("/api/images/..%2F..%2Fetc%2Fpasswd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync($"/api/images/{new string('a', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/images/{sha}")).StatusCode);
    }
}
