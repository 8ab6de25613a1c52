using System.Net.Http.Json;
using LabelerWorkbench.Api;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Editor.Document;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>A reviewer asks about a region and returns the task from the keyboard; the labeler reads it on that region and answers.</summary>
[Collection(BrowserCollection.Name)]
public class RegionCommentsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static readonly DemoUser Labeler = DemoSeeder.Users[1];
    static readonly DemoUser Reviewer = DemoSeeder.Users[3];

    [Fact]
    public async Task AReviewersCommentOnARegion_ReachesTheLabeler_WhoAnswersOnTheSameRegion()
    {
        var app = browser.App;
        var projectId = app.DemoProjectId();
        await app.SetQualityAsync(q => { q.GoldRate = 0; q.ReviewNewLabelerTasks = 100; q.MinOpportunities = 1000; });
        int price;
        await using (var db = app.Db())
            price = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Price")).Id;

        using var api = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new() }) { BaseAddress = new Uri(browser.BaseUrl) };
        (await api.PostAsJsonAsync("/api/auth/login", new { email = Labeler.Email, password = Labeler.Password })).EnsureSuccessStatusCode();
        var taskId = (await (await api.PostAsync($"/api/projects/{projectId}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        var existing = (await api.GetFromJsonAsync<List<RegionDto>>($"/api/tasks/{taskId}/draft"))!.Select(r => r.Id).ToList();
        var line = new RegionDto(Guid.NewGuid(), "box", price, [[80, 80], [380, 130]], "Station Road");
        var other = new RegionDto(Guid.NewGuid(), "box", price, [[80, 200], [380, 250]], "12.50");
        (await api.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([line, other], existing))).EnsureSuccessStatusCode();
        var submitted = await api.PostAsync($"/api/tasks/{taskId}/submit", null);
        submitted.EnsureSuccessStatusCode();
        if ((await submitted.Content.ReadFromJsonAsync<SubmitResponse>())!.NextTaskId is { } next)
            Assert.Null(await app.Get<LabelingService>().ReleaseAsync(next, await app.UserIdAsync(Labeler)));

        // The reviewer selects the region, asks, and returns the task with Ctrl+Shift+Backspace.
        var review = await browser.SignInAsync(Reviewer.Email, Reviewer.Password);
        await review.GotoAsync($"/review/{taskId}");
        await review.Locator("[data-testid=canvas] image").WaitForAsync();
        await review.Locator("[data-testid=region-row]").First.ClickAsync();
        var reviewComments = review.Locator("[data-testid=region-comments]");
        await Assertions.Expect(reviewComments).ToContainTextAsync("region 1 (Price)");
        await review.Locator("[data-testid=comment-input]").FillAsync("A street name is not a <b>price</b>: which class?");
        await review.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reviewComments.Locator("[data-testid=region-comment]")).ToHaveCountAsync(1);
        await review.Locator("[data-testid=review-comment]").FillAsync("See the comment on region 1.");
        await review.Keyboard.PressAsync("Control+Shift+Backspace");
        await review.WaitForURLAsync(url => !url.EndsWith($"/review/{taskId}"));
        await using (var db = app.Db())
            Assert.Equal(LabelTaskStatus.Returned, (await db.Tasks.SingleAsync(t => t.Id == taskId)).Status);

        // The labeler opens the returned task: the region shows the question, escaped as text; the answer goes under it.
        var labeler = await browser.SignInAsync(Labeler.Email, Labeler.Password);
        await labeler.GotoAsync($"/annotate/{taskId}");
        await labeler.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(labeler.Locator("[data-testid=region-comments]")).ToContainTextAsync("1 on this task");
        // A region nobody commented on keeps the comment box folded, so text meant for the region goes to its own field.
        await labeler.Locator("[data-testid=region-row]").Nth(1).ClickAsync();
        await Assertions.Expect(labeler.Locator("[data-testid=comment-open]")).ToBeVisibleAsync();
        await Assertions.Expect(labeler.Locator("[data-testid=comment-input]")).ToHaveCountAsync(0);
        await labeler.Locator("[data-testid=comment-open]").ClickAsync();
        await Assertions.Expect(labeler.Locator("[data-testid=comment-input]")).ToBeVisibleAsync();
        // The region with the reviewer's question shows it with the box open for the answer.
        await labeler.Locator("[data-testid=region-row]").First.ClickAsync();
        var comments = labeler.Locator("[data-testid=region-comment]");
        await Assertions.Expect(comments).ToHaveCountAsync(1);
        await Assertions.Expect(comments.First).ToContainTextAsync("A street name is not a <b>price</b>: which class?");
        await Assertions.Expect(comments.First).ToContainTextAsync("Rita Reviewer");
        await labeler.Locator("[data-testid=comment-input]").ClickAsync();
        await labeler.Keyboard.TypeAsync("Text line; fixed.");
        await labeler.Locator("[data-testid=comment-add]").ClickAsync();
        await Assertions.Expect(comments).ToHaveCountAsync(2);
        await Assertions.Expect(comments.Nth(1)).ToContainTextAsync("You");

        await using var after = app.Db();
        Assert.Equal(["A street name is not a <b>price</b>: which class?", "Text line; fixed."],
            await after.RegionComments.Where(c => c.TaskId == taskId && c.RegionId == line.Id).OrderBy(c => c.Id).Select(c => c.Text).ToListAsync());
    }
}
