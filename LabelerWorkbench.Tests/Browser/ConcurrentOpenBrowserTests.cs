using LabelerWorkbench.Features.Demo;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>One task opened in several tabs at the same moment: every tab gets the editor, none a dead circuit.</summary>
[Collection(BrowserCollection.Name)]
public class ConcurrentOpenBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FiveTabsOpeningOneTaskAtOnce_AllShowTheEditor_AndAnEditInOneIsSaved()
    {
        var labeler = DemoSeeder.Users[1];
        var first = await browser.SignInAsync(labeler.Email, labeler.Password);
        var taskId = await PageGestures.StartLabelingAsync(first);

        var errors = new List<string>();
        var tabs = new List<IPage>();
        for (var i = 0; i < 5; i++)
        {
            var tab = await first.Context.NewPageAsync();
            tab.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
            tabs.Add(tab);
        }
        // All five navigate together, so their circuits open the task (and renew its lease) at the same moment.
        await Task.WhenAll(tabs.Select(t => t.GotoAsync($"/annotate/{taskId}")));
        foreach (var tab in tabs)
        {
            await tab.Locator("[data-testid=canvas] image").WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(tab.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        Assert.DoesNotContain(errors, e => e.Contains("circuit", StringComparison.OrdinalIgnoreCase) || e.Contains("Unhandled", StringComparison.OrdinalIgnoreCase));

        // The last tab still works: a box drawn there is saved.
        var last = tabs[^1];
        await last.BringToFrontAsync();
        var rows = last.Locator("[data-testid=region-row]");
        var before = await rows.CountAsync();
        await last.WaitForTimeoutAsync(300);
        var image = (await last.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
        await last.Keyboard.PressAsync("3");
        await last.Keyboard.PressAsync("b");
        await PageGestures.DragAsync(last, image.X + 150, image.Y + 120, image.X + 260, image.Y + 190);
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await Infrastructure.Eventually.Get(async () =>
        {
            await using var db = browser.App.Db();
            return db.DraftRegions.Count(r => r.TaskId == taskId) == before + 1 ? "saved" : null;
        }, "the box drawn in the fifth tab to be saved");
    }
}
