using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Inference.PreAnnotation;
using LabelerWorkbench.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>A labeler starting from the model's work: sees it, accepts some, corrects some; the choices are recorded.</summary>
[Collection(BrowserCollection.Name)]
public class SuggestionBrowserTests(PreAnnotatedBrowserFixture browser) : IClassFixture<PreAnnotatedBrowserFixture>
{
    [Fact]
    public async Task Labeler_SeesModelRegionsWithPrefilledText_AcceptsOneEditsAnother_AndItIsRecorded()
    {
        var app = browser.App;
        List<int> tasks;
        await using (var db = app.Db())
            tasks = await db.Tasks.Where(t => t.ProjectId == app.DemoProjectId()).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        // All of them, so that OCR on the rest of the demo does not compete with the browser for the two cores.
        foreach (var id in tasks) await PreAnnotationTests.WaitForPreAnnotation(app, id);
        var firstTask = tasks[0];

        var user = DemoSeeder.Users[1];
        var page = await browser.SignInAsync(user.Email, user.Password);
        Assert.Equal(firstTask, await PageGestures.StartLabelingAsync(page));

        var rows = page.Locator("[data-testid=region-row]");
        await Assertions.Expect(page.Locator("[data-testid=suggestion-bar]")).ToBeVisibleAsync();
        var count = await rows.CountAsync();
        Assert.True(count >= 5, $"the menu's lines are suggested ({count})");
        Assert.Equal(count, await page.Locator("[data-testid=canvas] .lw-region.lw-pending").CountAsync());
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Cafe Menu");

        // Accept the first suggestion as it is.
        await rows.Nth(0).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync("Cafe Menu");
        await page.ClickAsync("[data-testid=accept-region]");
        await Assertions.Expect(page.Locator("[data-testid=accept-region]")).ToHaveCountAsync(0);
        // Dashed means "still to review": the accepted suggestion is drawn solid, the others stay dashed.
        await Assertions.Expect(page.Locator("[data-testid=canvas] .lw-region.lw-model:not(.lw-pending)[stroke-dasharray]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=canvas] .lw-region.lw-model:not(.lw-pending)")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=canvas] .lw-region.lw-pending[stroke-dasharray]")).ToHaveCountAsync(count - 1);

        // Correct the second one's text (typing settles it too).
        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Region 2");
        var original = await page.Locator("[data-testid=transcription]").InputValueAsync();
        await page.FillAsync("[data-testid=transcription]", original + " (hot)");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(" (hot)");

        // Delete the third; accept all the rest, whatever their confidence.
        await rows.Nth(2).ClickAsync();
        await page.ClickAsync("[data-testid=delete-region]");
        await Assertions.Expect(rows).ToHaveCountAsync(count - 1);
        // Count what should stay pending before accepting, so the test waits for the accept to land rather than racing its render.
        var pending = page.Locator("[data-testid=region-row] .lw-model-badge.pending");
        var confidences = await pending.EvaluateAllAsync<string[]>("badges => badges.map(b => b.dataset.confidence)");
        var belowThreshold = confidences.Count(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture) < 0.7);
        await ChooseThresholdAsync(page, "70");
        await page.ClickAsync("[data-testid=accept-all]");
        await Assertions.Expect(pending).ToHaveCountAsync(belowThreshold);
        // Anything under 70 % stays pending; delete it so the task can be submitted.
        for (var left = belowThreshold; left > 0; left--)
        {
            await page.Locator("[data-testid=region-row]:has(.lw-model-badge.pending)").First.ClickAsync();
            await page.ClickAsync("[data-testid=delete-region]");
            await Assertions.Expect(pending).ToHaveCountAsync(left - 1);
        }
        await Assertions.Expect(page.Locator("[data-testid=suggestion-bar]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=save-state][data-state=saved]").WaitForAsync();

        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForURLAsync(url => !url.EndsWith($"/annotate/{firstTask}"));

        await using var check = app.Db();
        var outcomes = await check.SuggestionOutcomes.Where(o => o.TaskId == firstTask).ToListAsync();
        var suggestions = await check.Suggestions.Where(s => s.TaskId == firstTask).OrderBy(s => s.CreatedAt).ToListAsync();
        Assert.Equal(count, outcomes.Count);
        var byText = outcomes.Join(suggestions, o => o.SuggestionId, s => s.Id, (o, s) => (s.Text, o)).ToList();
        Assert.Equal(SuggestionOutcomeKind.Kept, byText.Single(x => x.Text == "Cafe Menu").o.Outcome);
        var revision = (await check.Revisions.SingleAsync(r => r.TaskId == firstTask)).Regions;
        var edited = byText.Single(x => x.Text == original).o;
        Assert.True(edited.Outcome == SuggestionOutcomeKind.Edited,
            $"'{original}' edited; submitted: {string.Join(" | ", revision.Select(r => r.Transcription))}; outcomes: {string.Join(" | ", byText.Select(x => x.Text + "=" + x.o.Outcome))}");
        Assert.Equal(SuggestionOutcomeKind.Edited, edited.Outcome);
        Assert.True(edited.TextChanged);
        Assert.True(outcomes.Count(o => o.Outcome == SuggestionOutcomeKind.Deleted) >= 1);
    }

    /// <summary>Under load a click on a list item that is still opening can miss; the choice is checked and retried.</summary>
    private static async Task ChooseThresholdAsync(IPage page, string percent)
    {
        var shown = page.Locator("input[data-testid=accept-threshold]");
        for (var attempt = 0; attempt < 3 && !(await shown.InputValueAsync()).StartsWith(percent); attempt++)
        {
            await page.ClickAsync("[data-testid=accept-threshold]");
            await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{percent}')");
            try { await Assertions.Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{percent}"), new() { Timeout = 3000 }); }
            catch (PlaywrightException) { }
        }
        await Assertions.Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{percent}"));
    }

    [Fact]
    public async Task TheFirstDemoGoldTask_StartsFromDashedSuggestions_WithTrapsAmongThem()
    {
        var app = browser.App;
        List<int> tasks;
        await using (var db = app.Db())
            tasks = await db.Tasks.Where(t => t.ProjectId == app.DemoProjectId()).Select(t => t.Id).ToListAsync();
        foreach (var id in tasks) await PreAnnotationTests.WaitForPreAnnotation(app, id);
        await app.SetQualityAsync(q => q.GoldRate = 1);
        try
        {
            var user = DemoSeeder.Users[2];
            var page = await browser.SignInAsync(user.Email, user.Password);
            var copyId = await PageGestures.StartLabelingAsync(page);

            await using var db = app.Db();
            var copy = await db.Tasks.SingleAsync(t => t.Id == copyId);
            Assert.NotNull(copy.GoldSourceTaskId);
            Assert.Contains(copy.FileName, DemoSeeder.GoldScenes);
            var source = await db.Suggestions.Where(s => s.TaskId == copy.GoldSourceTaskId).OrderBy(s => s.CreatedAt).ToListAsync();
            var seeded = await db.Suggestions.Where(s => s.TaskId == copyId).OrderBy(s => s.CreatedAt).ToListAsync();
            Assert.True(source.Count >= 3, $"the models read the gold page ({source.Count} lines)");
            Assert.Equal(source.Count, seeded.Count);
            static bool Same(IReadOnlyList<Point2> a, IReadOnlyList<Point2> b) => a.Zip(b).All(p => Math.Abs(p.First.X - p.Second.X) < 0.01 && Math.Abs(p.First.Y - p.Second.Y) < 0.01);
            // A trap is a copied suggestion that no longer matches any of the source's (its outline grown or a character changed).
            var traps = seeded.Count(c => !source.Any(s => Same(s.Points, c.Points) && s.Text == c.Text));
            Assert.Equal(Math.Min(3, source.Count), traps);

            // The labeler sees every suggestion dashed and pending, as on any other task: nothing tells a trap apart.
            await Assertions.Expect(page.Locator("[data-testid=suggestion-bar]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=canvas] .lw-region.lw-pending")).ToHaveCountAsync(seeded.Count);
            await Assertions.Expect(page.Locator("[data-testid=region-row] .lw-model-badge.pending")).ToHaveCountAsync(seeded.Count);
        }
        finally
        {
            await app.SetQualityAsync(q => q.GoldRate = 0);
        }
    }
}
