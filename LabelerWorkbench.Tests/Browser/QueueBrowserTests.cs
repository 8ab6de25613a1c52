using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>The labeler's start page: their progress, and one click to the next task.</summary>
[Collection(BrowserCollection.Name)]
public class QueueBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheQueue_ShowsTheLabelersProgress_AndStartLabeling_OpensTheNextTask()
    {
        var app = browser.App;
        var user = DemoSeeder.Users[2];
        var labelerId = await app.UserIdAsync(user);
        // One task done already, so there is progress to show.
        var labeling = app.Get<LabelingService>();
        var done = (await labeling.LeaseNextAsync(app.DemoProjectId(), labelerId))!.Value;
        Assert.True((await labeling.SubmitAsync(done, labelerId)).Ok);

        var page = await browser.SignInAsync(user.Email, user.Password);
        await page.GotoAsync("/queue");
        var progress = page.Locator("[data-testid=my-progress]");
        await Assertions.Expect(progress).ToContainTextAsync("Your progress");
        await Assertions.Expect(page.Locator("[data-testid=my-today]")).ToHaveTextAsync("1");
        var taskId = await PageGestures.StartLabelingAsync(page);
        Assert.NotEqual(done, taskId);
        await using var db = app.Db();
        var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
        Assert.Equal(LabelTaskStatus.Leased, task.Status);
        Assert.Equal(labelerId, task.LeasedBy);
    }
}
