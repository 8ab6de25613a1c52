using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>The lead watches the dashboard while a labeler's gold task is scored: the numbers change in place.</summary>
[Collection(BrowserCollection.Name)]
public class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDashboard_UpdatesLive_WhenAGoldTaskIsScored()
    {
        var app = browser.App;
        await app.SetQualityAsync(q => q.GoldRate = 1);

        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        await page.GotoAsync($"/dashboard/{app.DemoProjectId()}");
        var table = page.Locator("[data-testid=labeler-table]");
        await table.WaitForAsync();
        var labelerUser = DemoSeeder.Users[2];
        string labelerName;
        await using (var db = app.Db())
            labelerName = (await db.Users.SingleAsync(u => u.Email == labelerUser.Email)).DisplayName;
        var row = table.Locator("tr", new() { Has = page.Locator("[data-testid=labeler-name]", new() { HasText = labelerName }) });
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.__samePage = true");

        // The labeler leases a gold copy and submits it without labeling a line: every line is missed.
        var labeling = app.Get<LabelingService>();
        var labeler = await app.UserIdAsync(labelerUser);
        var copy = (await labeling.LeaseNextAsync(app.DemoProjectId(), labeler))!.Value;
        await using (var db = app.Db())
            Assert.NotNull((await db.Tasks.SingleAsync(t => t.Id == copy)).GoldSourceTaskId);
        Assert.True((await labeling.SubmitAsync(copy, labeler)).Ok);

        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(row.Locator("[data-testid=gold-accuracy]")).ToHaveTextAsync("0 % of 1");
        var missed = row.Locator("[data-testid=rate-missed_region]");
        await Assertions.Expect(missed).ToContainTextAsync("%");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "updated without a reload");

        // The heatmap reads as percentages with the checks behind them; the headline says what it measures.
        var heatRow = page.Locator("[data-testid=heatmap] tr", new() { HasText = labelerName });
        await Assertions.Expect(heatRow.Locator("[data-testid=heat-cell]").First).ToContainTextAsync(" %");
        await Assertions.Expect(heatRow.Locator("[data-testid=heat-cell]").First).ToContainTextAsync("n = ");
        await page.Locator("[data-testid=accepted-quality-help]").HoverAsync();
        await Assertions.Expect(page.Locator(".mud-tooltip.mud-popover-open")).ToContainTextAsync("It is not gold accuracy");
        await page.Mouse.MoveAsync(0, 0);

        // Drill down to the task behind the number.
        await row.Locator("[data-testid=gold-accuracy]").ClickAsync();
        var drill = page.Locator("[data-testid=drill-down]");
        await Assertions.Expect(drill).ToContainTextAsync("gold");
        await Assertions.Expect(drill).ToContainTextAsync("Missed region");
    }
}
