using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>The quality loop as a labeler lives it: poor work on gold tasks, and training arrives in the open page.</summary>
[Collection(BrowserCollection.Name)]
public class TrainingPushBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PoorWorkOnGoldTasks_PushesTheTrainingDialog_IntoTheOpenPage_WithoutAReload()
    {
        var app = browser.App;
        // One gold page of three or four lines is the evidence here: a lead piloting on tiny pages lowers what a flag needs.
        await app.SetQualityAsync(q => { q.GoldRate = 1; q.MinOpportunities = 3; q.FlagEvidence = 3; q.TrainingMode = TrainingMode.Nudge; });

        var user = DemoSeeder.Users[1];
        var page = await browser.SignInAsync(user.Email, user.Password);
        var goldCopy = await PageGestures.StartLabelingAsync(page);
        await using (var db = app.Db())
            Assert.NotNull((await db.Tasks.SingleAsync(t => t.Id == goldCopy)).GoldSourceTaskId);

        // A marker that a reload would wipe.
        await page.EvaluateAsync("() => window.__samePage = true");
        // Poor work: submit the gold task without labeling any of its lines.
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForURLAsync(url => !url.EndsWith($"/annotate/{goldCopy}"));

        var reason = page.Locator("[data-testid=training-reason]");
        await reason.WaitForAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(reason).ToContainTextAsync("missed_region");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the dialog arrived without a reload");
        await Assertions.Expect(page.Locator("[data-testid=training-start]")).ToBeVisibleAsync();

        // A nudge can be put aside; the assignment remembers it.
        await page.ClickAsync("[data-testid=training-later]");
        await Assertions.Expect(reason).ToHaveCountAsync(0);
        await using var check = app.Db();
        var assignment = await check.TrainingAssignments.SingleAsync();
        Assert.Equal(ErrorCode.MissedRegion, assignment.Code);
        Assert.Equal(TrainingStatus.Dismissed, assignment.Status);
    }
}
