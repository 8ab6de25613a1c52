using LabelerWorkbench.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>The lead's side: create a project with a schema and import a batch by browser upload.</summary>
[Collection(BrowserCollection.Name)]
public class ProjectSetupBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lead_CreatesAProject_AndUploadsABatch_SeeingEachFilesResult()
    {
        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        await page.WaitForURLAsync("**/projects");
        await page.ClickAsync("text=New project");
        await page.Locator("[data-testid=project-name]").FillAsync("Street signs");
        await page.ClickAsync("button:has-text('Create project')");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/projects/\d+$"));

        await page.ClickAsync(".mud-tab:has-text('Import images')");
        var folder = Path.Combine(browser.App.DataDir, "upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var files = new[] { ("sign-a.png", TestImagesBytes(11)), ("broken.png", Infrastructure.TestImages.TruncatedPng()), ("sign-b.png", TestImagesBytes(12)) };
        foreach (var (name, bytes) in files) await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        // Blazor's InputFile listens only once its script has set it up; a file chosen before that is ignored.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("input[type=file]", files.Select(f => Path.Combine(folder, f.Item1)));

        var results = page.Locator("[data-testid=import-results] tbody tr");
        await Assertions.Expect(results).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToContainTextAsync("3 of 3 files · 2 imported · 0 already there · 1 refused");
        await Assertions.Expect(page.Locator("[data-testid=import-results] tr:has-text('broken.png')")).ToContainTextAsync("truncated or corrupt");

        await using var db = browser.App.Db();
        var project = await db.Projects.SingleAsync(p => p.Name == "Street signs");
        Assert.Equal(["sign-a.png", "sign-b.png"], await db.Tasks.Where(t => t.ProjectId == project.Id).OrderBy(t => t.FileName).Select(t => t.FileName).ToListAsync());
    }

    private static byte[] TestImagesBytes(int seed) => Infrastructure.TestImages.Png(200, 120, seed);
}
