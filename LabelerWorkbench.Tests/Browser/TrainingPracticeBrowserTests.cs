using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>A must-complete practice as a labeler lives it: fail, see the answer and the marked mistakes, fix them, pass.</summary>
[Collection(BrowserCollection.Name)]
public class TrainingPracticeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DemoUser Labeler = DemoSeeder.Users[1];

    [Fact]
    public async Task AFailedPractice_ShowsTheAnswerAndMarksEachMistake_CannotBeSkipped_AndPassesOnceFixed()
    {
        var app = browser.App;
        var module = app.Get<TrainingLibrary>().For(ErrorCode.MissedRegion)!;
        Assert.Equal(2, module.Practice.Count);
        var labelerId = await app.UserIdAsync(Labeler);
        int assignmentId;
        await using (var db = app.Db())
        {
            var assignment = new TrainingAssignment
            {
                ProjectId = app.DemoProjectId(), LabelerId = labelerId, Code = ErrorCode.MissedRegion, ModuleId = module.Id,
                Mode = TrainingMode.MustComplete, Status = TrainingStatus.Assigned, AssignedAt = DateTime.UtcNow, RateBefore = 0.5,
            };
            db.TrainingAssignments.Add(assignment);
            await db.SaveChangesAsync();
            assignmentId = assignment.Id;
        }

        var page = await browser.SignInAsync(Labeler.Email, Labeler.Password);
        await page.GotoAsync($"/training/{assignmentId}");
        await page.ClickAsync("[data-testid=start-practice]");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await page.WaitForTimeoutAsync(300);

        // Image 1: the suggestions skip every other line. Checking them as they are fails.
        var first = module.Practice[0];
        var answer = first.Answer;
        await page.ClickAsync("[data-testid=practice-check]");
        var result = page.Locator("[data-testid=practice-result]");
        await Assertions.Expect(result).ToContainTextAsync("50 %");
        // The answer is drawn over the labeler's regions on a second view, and each mistake is numbered on it.
        var feedback = page.Locator("[data-testid=practice-feedback]");
        await Assertions.Expect(feedback).ToContainTextAsync("Not passed yet");
        await Assertions.Expect(feedback.Locator("[data-testid=practice-answer]")).ToHaveCountAsync(4);
        await Assertions.Expect(feedback.Locator("[data-testid=practice-yours]")).ToHaveCountAsync(2);
        await Assertions.Expect(feedback.Locator("[data-testid=practice-marker]")).ToHaveCountAsync(2);
        var legend = feedback.Locator("[data-testid=practice-mark]");
        await Assertions.Expect(legend).ToHaveTextAsync([$"missed: answer region 2 '{answer[1].Text}'", $"missed: answer region 4 '{answer[3].Text}'"],
            new() { UseInnerText = true });
        // Must-complete: no way on but to fix it.
        await Assertions.Expect(page.Locator("[data-testid=practice-next]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=practice-retry-hint]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=practice-check]")).ToHaveCountAsync(0);

        // Draw the two missed lines; the first one typed with a single space where the image has two.
        var sloppy = answer[1].Text.Replace("  ", " ");
        await DrawAsync(page, first, answer[1], sloppy);
        await Assertions.Expect(result).ToContainTextAsync("check again", new() { IgnoreCase = true });
        await DrawAsync(page, first, answer[3], answer[3].Text);
        await page.ClickAsync("[data-testid=practice-check]");
        await Assertions.Expect(result).ToContainTextAsync("75 %");
        await Assertions.Expect(legend).ToHaveTextAsync([$"wrong text: '{sloppy}' should be '{answer[1].Text}' (your region 3)"], new() { UseInnerText = true });
        await Assertions.Expect(page.Locator("[data-testid=practice-next]")).ToHaveCountAsync(0);

        // Fix the text of region 3 as the legend says: select it in the list, type it again.
        await page.Locator("[data-testid=region-row]").Nth(2).ClickAsync();
        // As a person would: type once the field shows the selected region's text, not into the previous one's.
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync(sloppy);
        await page.FillAsync("[data-testid=transcription]", answer[1].Text);
        await page.ClickAsync("[data-testid=practice-check]");
        await Assertions.Expect(result).ToContainTextAsync("100 %");
        await Assertions.Expect(result).ToContainTextAsync("passed on check 3");
        await Assertions.Expect(legend).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=practice-next]");

        // Image 2: one missed line is a price (class 2).
        var second = module.Practice[1];
        await Assertions.Expect(page.Locator("[data-testid=region-row]")).ToHaveCountAsync(second.Suggestions.Count);
        await page.WaitForTimeoutAsync(300);
        foreach (var missed in second.Answer.Where(a => !second.Suggestions.Any(s => s.Text == a.Text)))
            await DrawAsync(page, second, missed, missed.Text);
        await page.ClickAsync("[data-testid=practice-check]");
        await Assertions.Expect(result).ToContainTextAsync("100 %");
        await Assertions.Expect(page.Locator("[data-testid=practice-next]")).ToHaveTextAsync("Finish");
        await page.ClickAsync("[data-testid=practice-next]");

        await Assertions.Expect(page.Locator("[data-testid=training-outcome]")).ToContainTextAsync("Passed with 100 %");
        await Assertions.Expect(page.Locator("[data-testid=training-done]")).ToBeVisibleAsync();
        await using var check = app.Db();
        var done = await check.TrainingAssignments.SingleAsync(a => a.Id == assignmentId);
        Assert.Equal(TrainingStatus.Passed, done.Status);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(1.0, done.BestScore);
        Assert.NotNull(done.CompletedAt);
    }

    /// <summary>Box tool, the region's class by its hotkey, a drag over the answer's box, then its text.</summary>
    [Fact]
    public async Task APracticeTask_KeepsTheLabelersViewAcrossAReload()
    {
        var app = browser.App;
        var module = app.Get<TrainingLibrary>().For(ErrorCode.MissedRegion)!;
        var lara = DemoSeeder.Users[2];
        var labelerId = await app.UserIdAsync(lara);
        int assignmentId;
        await using (var db = app.Db())
        {
            var assignment = new TrainingAssignment
            {
                ProjectId = app.DemoProjectId(), LabelerId = labelerId, Code = ErrorCode.MissedRegion, ModuleId = module.Id,
                Mode = TrainingMode.Nudge, Status = TrainingStatus.Assigned, AssignedAt = DateTime.UtcNow, RateBefore = 0.5,
            };
            db.TrainingAssignments.Add(assignment);
            await db.SaveChangesAsync();
            assignmentId = assignment.Id;
        }
        var lockClass = $"[data-testid=class-toggle-{module.Schema.Classes[0].Id}] [data-testid=lock-class]";

        var page = await browser.SignInAsync(lara.Email, lara.Password);
        await page.GotoAsync($"/training/{assignmentId}");
        await page.ClickAsync("[data-testid=start-practice]");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await page.ClickAsync(lockClass);
        await Assertions.Expect(page.Locator(lockClass)).ToHaveAttributeAsync("aria-pressed", "true");

        await page.ReloadAsync();
        await page.ClickAsync("[data-testid=start-practice]");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(page.Locator(lockClass)).ToHaveAttributeAsync("aria-pressed", "true");
    }

    private static async Task DrawAsync(IPage page, PracticeTask task, ModuleRegion region, string text)
    {
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync(region.Label == "Price" ? "2" : "1");
        await page.Keyboard.PressAsync("b");
        var image = (await page.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
        var scale = image.Width / task.Width;
        var b = region.Box!;
        var rows = page.Locator("[data-testid=region-row]");
        var before = await rows.CountAsync();
        await page.Mouse.MoveAsync((float)(image.X + b[0] * scale), (float)(image.Y + b[1] * scale));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(image.X + (b[0] + b[2]) * scale), (float)(image.Y + (b[1] + b[3]) * scale), new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await Assertions.Expect(rows.Nth(before)).ToContainTextAsync(region.Label);
        await page.FillAsync("[data-testid=transcription]", text);
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync(text);
    }
}
