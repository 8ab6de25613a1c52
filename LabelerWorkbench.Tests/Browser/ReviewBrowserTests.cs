using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LabelerWorkbench.Api;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>
/// QA as a reviewer does it, with real mouse and keyboard: a labeler's submissions routed to the demo reviewer are
/// corrected, tagged and accepted or returned; the labeler sees the returned fixes; the lead sees the numbers move.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReviewBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DemoUser Lead = DemoSeeder.Users[0];
    private static readonly DemoUser Labeler = DemoSeeder.Users[1];
    private static readonly DemoUser Reviewer = DemoSeeder.Users[3];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Reviewer_CorrectsTagsAndAccepts_RejectsAnother_LabelerSeesTheFixes_LeadSeesTheRates()
    {
        var app = browser.App;
        var projectId = app.DemoProjectId();
        // Every submission of the new labeler is sampled; no gold; no flag (and no training pop-up) from a few reviews.
        await app.SetQualityAsync(q => { q.GoldRate = 0; q.ReviewNewLabelerTasks = 100; q.MinOpportunities = 1000; });
        int textLine, price, logo;
        await using (var db = app.Db())
        {
            textLine = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Text line")).Id;
            price = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Price")).Id;
            logo = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Logo")).Id;
        }

        // The labeler submits two tasks through the API: a polygon, a line with a typo and a logo that is not there.
        using var labelerApi = await ApiClientAsync(Labeler);
        var polygon = new RegionDto(Guid.NewGuid(), "polygon", textLine, [[100, 100], [400, 100], [400, 160], [100, 160]], "Total 12.50");
        var typo = new RegionDto(Guid.NewGuid(), "box", textLine, [[100, 200], [300, 240]], "Cafe Menv");
        var extra = new RegionDto(Guid.NewGuid(), "box", logo, [[450, 250], [530, 330]], null);
        var accepted = await SubmitAsync(labelerApi, projectId, polygon, typo, extra);
        var line = new RegionDto(Guid.NewGuid(), "box", price, [[80, 80], [380, 130]], "Station Road");
        var rejected = await SubmitAsync(labelerApi, projectId, line);
        var labelerId = await app.UserIdAsync(Labeler);
        var reviewerId = await app.UserIdAsync(Reviewer);
        await using (var db = app.Db())
        {
            var tasks = await db.Tasks.Where(t => t.Id == accepted || t.Id == rejected).ToListAsync();
            Assert.All(tasks, t => Assert.Equal(LabelTaskStatus.InReview, t.Status));
            Assert.All(tasks, t => Assert.Equal(reviewerId, t.ReviewerId));
        }

        // The reviewer's queue lists both; the first entry opens the review.
        var page = await browser.SignInAsync(Reviewer.Email, Reviewer.Password);
        await page.GotoAsync("/review");
        var queue = page.Locator("[data-testid=review-queue] tbody tr");
        await Assertions.Expect(queue).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=review-next]")).ToContainTextAsync("2 waiting");
        await queue.First.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/review/{accepted}");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        var canvas = new PageGestures.CanvasView(page, await ImageWidthAsync(accepted));
        var rows = page.Locator("[data-testid=region-row]");
        var fixes = page.Locator("[data-testid=review-fix]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(fixes).ToHaveCountAsync(0);

        // A click on a region on the image selects it (this click used to kill the page); so does a click in the list.
        await canvas.ClickAsync(250, 130);
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Region 1");
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync("Total 12.50");
        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Region 2");
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync("Cafe Menv");

        // The polygon is much too short: select it and drag its bottom-right vertex down. So far off that the scorer
        // sees a miss and an extra rather than a bad fit; the reviewer says what it is below.
        await canvas.ClickAsync(250, 130);
        var vertex = (await page.Locator("[data-vertex='2']").BoundingBoxAsync())!;
        await PageGestures.DragAsync(page, vertex.X + vertex.Width / 2, vertex.Y + vertex.Height / 2, vertex.X + vertex.Width / 2, vertex.Y + vertex.Height / 2 + 240 * canvas.Scale);
        await Assertions.Expect(fixes).ToHaveCountAsync(2);

        // A line the labeler missed: the box tool (B) and a drag; it needs its text.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("b");
        await canvas.DragAsync(100, 450, 300, 490);
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await page.FillAsync("[data-testid=transcription]", "Milk 1L");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Milk 1L");
        await Assertions.Expect(fixes).ToHaveCountAsync(3);

        // The logo is not there: select it on the image, Delete.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("v");
        await canvas.ClickAsync(490, 290);
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Logo");
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(fixes).ToHaveCountAsync(4);

        // The derived fixes, one per difference, each with the scorer's code.
        Assert.Equal(["Missed region", "Missed region", "Extra region", "Extra region"], await PageGestures.FixCodesAsync(page));
        // The polygon's pair is one badly fitted region: its "missed" becomes "tight geometry" (chosen with the
        // keyboard), its "extra" is removed.
        var polygonFixes = fixes.Filter(new() { HasText = "Region 1" });
        await Assertions.Expect(polygonFixes).ToHaveCountAsync(2);
        await PageGestures.ChooseWithKeyboardAsync(page, polygonFixes.Nth(0).Locator("[data-testid=fix-code]"), "Tight geometry");
        await polygonFixes.Nth(1).Locator("button[aria-label='Remove this fix']").ClickAsync();
        await Assertions.Expect(fixes).ToHaveCountAsync(3);
        Assert.Equal(["Tight geometry", "Missed region", "Extra region"], await PageGestures.FixCodesAsync(page));

        // The typo: tagged by hand first, then corrected.
        await rows.Nth(1).ClickAsync();
        await PageGestures.ChooseWithMouseAsync(page, page.Locator("[data-testid=tag-code]"), "Transcription error");
        await page.ClickAsync("[data-testid=tag-region]");
        await Assertions.Expect(fixes).ToHaveCountAsync(4);
        // Tagging it again (a second click, or Enter on the focused button) does not count the error twice.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("already tagged");
        await Assertions.Expect(fixes).ToHaveCountAsync(4);
        await page.FillAsync("[data-testid=transcription]", "Cafe Menu");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Cafe Menu");
        // Fixing the text the reviewer already tagged adds no second fix for it.
        await Assertions.Expect(fixes).ToHaveCountAsync(4);
        await page.FillAsync("[data-testid=review-comment]", "Good start; watch the line ends and the logo.");
        var acceptAt = (await page.Locator("[data-testid=review-accept]").BoundingBoxAsync())!;
        // Accepted from the keyboard, the caret still in the comment.
        await page.Keyboard.PressAsync("Control+Enter");

        // On to the next review: the other task.
        await page.WaitForURLAsync($"**/review/{rejected}");
        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == accepted);
            Assert.Equal(LabelTaskStatus.Accepted, task.Status);
            var review = await db.Reviews.SingleAsync(r => r.TaskId == accepted);
            Assert.Equal(ReviewVerdict.Accepted, review.Verdict);
            Assert.Equal(reviewerId, review.ReviewerId);
            Assert.Equal(labelerId, review.LabelerId);
            Assert.Equal("Good start; watch the line ends and the logo.", review.Comment);
            var tagged = JsonSerializer.Deserialize<List<ReviewFix>>(review.Fixes, Json)!;
            Assert.Equal(4, tagged.Count);
            Assert.Contains(new ReviewFix(polygon.Id, ErrorCode.TightGeometry), tagged);
            Assert.Contains(new ReviewFix(extra.Id, ErrorCode.ExtraRegion), tagged);
            Assert.Contains(new ReviewFix(typo.Id, ErrorCode.TranscriptionError), tagged);
            Assert.Contains(tagged, f => f.Code == ErrorCode.MissedRegion && f.RegionId is { } id && id != polygon.Id);

            // The reviewer's corrections are frozen as revision 2.
            var revision = await db.Revisions.SingleAsync(r => r.TaskId == accepted && r.Number == 2);
            Assert.Equal(reviewerId, revision.SubmittedBy);
            var regions = revision.Regions;
            Assert.Equal(3, regions.Count);
            Assert.DoesNotContain(regions, r => r.Id == extra.Id);
            var moved = regions.Single(r => r.Id == polygon.Id);
            Assert.True(moved.Points[2].Y > 350, $"the vertex was dragged down: {moved.Points[2]}");
            Assert.Equal("Cafe Menu", regions.Single(r => r.Id == typo.Id).Transcription);
            var added = regions.Single(r => r.Transcription == "Milk 1L");
            Assert.Equal(RegionSource.Reviewer, added.Provenance.Source);
            Assert.InRange(added.Bounds.X, 95, 105);

            // Quality events for the labeler, from the review: the errors are the reviewer's tags.
            var check = await db.QualityChecks.Include(c => c.Events).SingleAsync(c => c.TaskId == accepted && c.Kind == QualityCheckKind.Review);
            Assert.Equal(labelerId, check.SubjectId);
            Assert.Equal(reviewerId, check.CheckedBy);
            foreach (var code in new[] { ErrorCode.TightGeometry, ErrorCode.ExtraRegion, ErrorCode.MissedRegion, ErrorCode.TranscriptionError })
                Assert.Equal(1, check.Events.Single(e => e.Code == code).Errors);
            Assert.Equal(0, check.Events.Single(e => e.Code == ErrorCode.WrongLabel).Errors);
            Assert.True(check.Events.Single(e => e.Code == ErrorCode.WrongLabel).Opportunities > 0);
        }

        // The second task: return it, with a tag and a comment.
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        // The verdict buttons stay where they were on the first task, whatever this one's file name.
        var acceptNow = (await page.Locator("[data-testid=review-accept]").BoundingBoxAsync())!;
        Assert.Equal((acceptAt.X, acceptAt.Y), (acceptNow.X, acceptNow.Y));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.Nth(0).ClickAsync();
        await PageGestures.ChooseWithMouseAsync(page, page.Locator("[data-testid=tag-code]"), "Wrong label");
        await page.ClickAsync("[data-testid=tag-region]");
        await Assertions.Expect(fixes).ToHaveCountAsync(1);
        await page.FillAsync("[data-testid=review-comment]", "A street name is not a price: check the class.");
        await page.ClickAsync("[data-testid=review-reject]");
        await page.WaitForURLAsync(url => url.EndsWith("/review"));
        await Assertions.Expect(page.Locator("[data-testid=review-empty]")).ToBeVisibleAsync();
        // The reviewer's own numbers count both reviews, one of them accepted.
        var stats = page.Locator("[data-testid=reviewer-stats]");
        await Assertions.Expect(stats).ToContainTextAsync(new Regex(@"Reviewed\s*2"));
        await Assertions.Expect(stats).ToContainTextAsync("50 %");
        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == rejected);
            Assert.Equal(LabelTaskStatus.Returned, task.Status);
            var review = await db.Reviews.SingleAsync(r => r.TaskId == rejected);
            Assert.Equal(ReviewVerdict.Rejected, review.Verdict);
            Assert.Equal([new ReviewFix(line.Id, ErrorCode.WrongLabel)], JsonSerializer.Deserialize<List<ReviewFix>>(review.Fixes, Json)!);
            Assert.Equal(2, await db.QualityChecks.CountAsync(c => c.SubjectId == labelerId && c.Kind == QualityCheckKind.Review));
        }

        // The labeler: the queue page shows the returned task; starting work opens it with the reviewer's fixes.
        var labelerPage = await browser.SignInAsync(Labeler.Email, Labeler.Password);
        await labelerPage.GotoAsync("/queue");
        var progress = labelerPage.Locator("[data-testid=my-progress]");
        await Assertions.Expect(progress).ToContainTextAsync("1 accepted");
        await Assertions.Expect(progress).ToContainTextAsync("1 returned to you (1 to fix)");
        await Assertions.Expect(labelerPage.Locator("[data-testid=my-feedback]")).ToContainTextAsync("A street name is not a price: check the class.");
        await labelerPage.ClickAsync("[data-testid=start-labeling]");
        await labelerPage.WaitForURLAsync($"**/annotate/{rejected}");
        var feedback = labelerPage.Locator("[data-testid=returned-feedback]");
        await Assertions.Expect(feedback).ToContainTextAsync("Rita Reviewer");
        await Assertions.Expect(feedback).ToContainTextAsync("A street name is not a price: check the class.");
        var returnedFix = labelerPage.Locator("[data-testid=returned-fix]");
        await Assertions.Expect(returnedFix).ToHaveCountAsync(1);
        await Assertions.Expect(returnedFix).ToContainTextAsync("Wrong label on region 1");
        await returnedFix.Locator("a").ClickAsync();
        await Assertions.Expect(labelerPage.Locator("[data-testid=selected-region]")).ToContainTextAsync("Region 1");

        // The lead: the labeler's QA acceptance is one of two.
        var leadPage = await browser.SignInAsync(Lead.Email, Lead.Password);
        await leadPage.GotoAsync($"/dashboard/{projectId}");
        var row = leadPage.Locator("[data-testid=labeler-table] tr", new() { Has = leadPage.Locator("[data-testid=labeler-name]", new() { HasText = "Liam Labeler" }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        // Columns: labeler, tasks, per hour, gold accuracy, QA accepted.
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("50 % of 2");
        await Assertions.Expect(row.Locator("[data-testid=rate-extra_region]")).ToContainTextAsync("%");
        await Assertions.Expect(row.Locator("[data-testid=rate-wrong_label]")).ToContainTextAsync("%");
    }

    /// <summary>A cookie client on the app's real port (the factory's in-memory client does not reach Kestrel).</summary>
    [Fact]
    public async Task TheReviewPage_KeepsTheReviewersViewOfTheTask_AcrossAReload()
    {
        // A project of its own, so that the demo reviewer's queue in the other test holds only that test's tasks.
        var s = await new LabelerWorkbench.Tests.Features.DataManager.DataManagerScenario(browser.App).CreateAsync(1);
        // Lara's, and without Liam: the other test counts what was returned to Liam and starts his first project.
        await using (var db = browser.App.Db())
            await db.ProjectMembers.Where(m => m.ProjectId == s.ProjectId && m.UserId == s.Labeler1).ExecuteDeleteAsync();
        var taskId = await s.SubmitNextAsync(s.Labeler2);
        var lockClass = $"[data-testid=class-toggle-{s.ClassId}] [data-testid=lock-class]";

        var page = await browser.SignInAsync(Reviewer.Email, Reviewer.Password);
        await page.GotoAsync($"/review/{taskId}");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await page.ClickAsync(lockClass);
        await Assertions.Expect(page.Locator(lockClass)).ToHaveAttributeAsync("aria-pressed", "true");

        await page.ReloadAsync();
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(page.Locator(lockClass)).ToHaveAttributeAsync("aria-pressed", "true");
        // Out of the reviewer's queue, without a review to count in the other test's numbers.
        Assert.Equal(1, (await browser.App.Get<LabelerWorkbench.Features.DataManager.TaskBulkActions>().ReturnToLabelerAsync(s.ProjectId, [taskId], s.Lead)).Done);
    }

    private async Task<HttpClient> ApiClientAsync(DemoUser user)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new() }) { BaseAddress = new Uri(browser.BaseUrl) };
        (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).EnsureSuccessStatusCode();
        return client;
    }

    private async Task<int> SubmitAsync(HttpClient api, int projectId, params RegionDto[] regions)
    {
        var lease = await api.PostAsync($"/api/projects/{projectId}/lease", null);
        var taskId = (await lease.Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        (await api.PutAsJsonAsync($"/api/tasks/{taskId}/draft", new DraftEdits([.. regions], []))).EnsureSuccessStatusCode();
        var submitted = await api.PostAsync($"/api/tasks/{taskId}/submit", null);
        submitted.EnsureSuccessStatusCode();
        // Submitting through the API leases the next task; hand it back, so that the next lease is a fresh choice.
        if ((await submitted.Content.ReadFromJsonAsync<SubmitResponse>())!.NextTaskId is { } next)
            Assert.Null(await browser.App.Get<LabelingService>().ReleaseAsync(next, await browser.App.UserIdAsync(Labeler)));
        return taskId;
    }

    private async Task<int> ImageWidthAsync(int taskId)
    {
        await using var db = browser.App.Db();
        return (await db.Tasks.Include(t => t.Image).SingleAsync(t => t.Id == taskId)).Image!.Width;
    }

}
