using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>The editor's tools with real mouse and keyboard: split, merge, hide, lock, hotkeys, undo, the toolbar, the overlay.</summary>
[Collection(BrowserCollection.Name)]
public class EditorToolsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DemoUser Labeler = DemoSeeder.Users[1];
    private static readonly DemoUser Labeler2 = DemoSeeder.Users[2];
    /// <summary>Screenshots for a person to look at (not compared).</summary>
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "lw-shots");

    /// <summary>Signs in, opens the labeler's task and empties it (tests in this class share the app and its tasks).</summary>
    private async Task<(IPage Page, int TaskId, PageGestures.CanvasView View)> OpenEmptyTaskAsync(DemoUser user, int width = 1400, int height = 900)
    {
        var page = await browser.SignInAsync(user.Email, user.Password);
        await page.SetViewportSizeAsync(width, height);
        int taskId;
        try { taskId = await PageGestures.StartLabelingAsync(page); }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"start-failed-{user.Email}.png") });
            throw;
        }
        await using (var db = browser.App.Db())
            await db.DraftRegions.Where(r => r.TaskId == taskId).ExecuteDeleteAsync();
        await page.ReloadAsync();
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=region-row]")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(300);   // the image is fitted once the stage has its size
        var imageWidth = int.Parse((await page.Locator("[data-testid=canvas] image").GetAttributeAsync("width"))!);
        return (page, taskId, new PageGestures.CanvasView(page, imageWidth));
    }

    private static ILocator Rows(IPage page) => page.Locator("[data-testid=region-row]");

    private static async Task WaitSavedAsync(IPage page) =>
        await page.Locator("[data-testid=save-state][data-state=saved]").WaitForAsync();

    private async Task<List<RegionData>> DraftAsync(int taskId)
    {
        await using var db = browser.App.Db();
        var rows = await db.DraftRegions.Where(r => r.TaskId == taskId).ToListAsync();
        return [.. rows.Select(RegionJson.FromRow)];
    }

    /// <summary>Draws a box of the active class in image coordinates with the box tool.</summary>
    private static async Task DrawBoxAsync(IPage page, PageGestures.CanvasView view, double x1, double y1, double x2, double y2)
    {
        await page.Keyboard.PressAsync("b");
        await view.DragAsync(x1, y1, x2, y2);
    }

    private static async Task TypeTextAsync(IPage page, string text)
    {
        await page.FillAsync("[data-testid=transcription]", text);
        await page.Locator("[data-testid=canvas]").FocusAsync();   // keys are shortcuts again
    }

    private static void Near(double expected, double actual, double within, string what) =>
        Assert.True(Math.Abs(expected - actual) <= within, $"{what}: expected about {expected}, got {actual}");

    [Fact]
    public async Task SplitALine_ThenMergeTheParts_BothUndoable_AndSaved()
    {
        var (page, taskId, view) = await OpenEmptyTaskAsync(Labeler);
        await page.Keyboard.PressAsync("1");   // Text line
        await DrawBoxAsync(page, view, 100, 100, 500, 150);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await TypeTextAsync(page, "Hello brave new world");
        await page.Keyboard.PressAsync("v");

        // S, then a click in the middle of the line: two lines, the text cut at the nearest space.
        await page.Keyboard.PressAsync("s");
        await view.ClickAsync(300, 125);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await WaitSavedAsync(page);
        var parts = (await DraftAsync(taskId)).OrderBy(r => r.Bounds.X).ToList();
        Assert.Equal(["Hello brave", "new world"], parts.Select(r => r.Transcription));
        Near(100, parts[0].Bounds.X, 2, "left part starts where the line did");
        Near(300, parts[0].Bounds.Right, 3, "left part ends at the cut");
        Near(300, parts[1].Bounds.X, 3, "right part starts at the cut");
        Near(500, parts[1].Bounds.Right, 2, "right part ends where the line did");
        Assert.All(parts, p => Assert.Equal(1, p.ClassId));

        // One step to undo, one to redo.
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("Hello brave new world");
        await page.Keyboard.PressAsync("Control+Shift+Z");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);

        // Shift+click the right part, then the left one, then M: one line again, the text in reading order.
        await view.ClickAsync(420, 125);
        await page.Keyboard.DownAsync("Shift");
        await view.ClickAsync(180, 125);
        await page.Keyboard.UpAsync("Shift");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-multi-select.png") });
        await page.Keyboard.PressAsync("m");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await WaitSavedAsync(page);
        var merged = Assert.Single(await DraftAsync(taskId));
        Assert.Equal("Hello brave new world", merged.Transcription);
        Assert.Equal(GeometryKind.Box, merged.Kind);
        Near(100, merged.Bounds.X, 2, "merged left");
        Near(500, merged.Bounds.Right, 2, "merged right");

        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task HiddenRegions_AreNotDrawn_LockedOnes_CannotBeDragged()
    {
        var (page, taskId, view) = await OpenEmptyTaskAsync(Labeler2);
        await page.Keyboard.PressAsync("3");   // Logo
        await DrawBoxAsync(page, view, 100, 100, 200, 160);
        await DrawBoxAsync(page, view, 300, 100, 400, 160);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await WaitSavedAsync(page);
        var before = (await DraftAsync(taskId)).OrderBy(r => r.Bounds.X).ToList();

        // Lock the first with L; dragging it then moves nothing (the drag pans the view instead).
        await page.Keyboard.PressAsync("v");
        await view.ClickAsync(150, 130);
        await page.Keyboard.PressAsync("l");
        await Assertions.Expect(Rows(page).Nth(0).Locator("[data-testid=lock-region]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Delete");   // nor does the keyboard delete it
        await view.DragAsync(150, 130, 250, 250);
        await page.WaitForTimeoutAsync(700);   // longer than the autosave delay
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        var afterDrag = (await DraftAsync(taskId)).OrderBy(r => r.Bounds.X).ToList();
        Assert.Equal(before[0].Bounds, afterDrag[0].Bounds);
        Assert.Equal(before[1].Bounds, afterDrag[1].Bounds);

        // Hide the second from its row: not drawn.
        var second = page.Locator($"[data-testid=canvas] [data-id='{before[1].Id}']");
        await Assertions.Expect(second).ToBeVisibleAsync();
        await Rows(page).Nth(1).Locator("[data-testid=hide-region]").ClickAsync();
        await Assertions.Expect(second).ToBeHiddenAsync();

        // Hide the whole class: the first is not drawn either; showing the class brings back only the first.
        var first = page.Locator($"[data-testid=canvas] [data-id='{before[0].Id}']");
        await page.Locator("[data-testid=class-toggle-3] [data-testid=hide-class]").ClickAsync();
        await Assertions.Expect(first).ToBeHiddenAsync();
        await page.Locator("[data-testid=class-toggle-3] [data-testid=hide-class]").ClickAsync();
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(second).ToBeHiddenAsync();

        // T draws class names on the shapes shown; the image adjustments filter the image only.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("t");
        await Assertions.Expect(page.Locator($"[data-testid=canvas] [data-label='{before[0].Id}']")).ToHaveTextAsync("Logo");
        await Assertions.Expect(page.Locator($"[data-testid=canvas] [data-label='{before[1].Id}']")).ToBeHiddenAsync();
        await page.ClickAsync("[data-testid=adjustments-button]");
        await page.Locator("[data-testid=adjustments] .mud-switch").ClickAsync();
        // The filter arrives after a round trip to .NET: wait for it rather than reading it right after the click.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=canvas] image').style.filter.includes('invert(1)')",
            null, new() { Timeout = 5000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-labels-adjustments.png") });
    }

    [Fact]
    public async Task ImageAdjustments_CloseOnEscape_AndOnAClickOutside_LikeAMenu()
    {
        var (page, _, _) = await OpenEmptyTaskAsync(Labeler);
        var panel = page.Locator("[data-testid=adjustments]");
        // A closed popover stays in the page, transparent: open or not is its class.
        var open = page.Locator("[data-testid=adjustments].mud-popover-open");
        var button = page.Locator("[data-testid=adjustments-button]");

        // Esc right after opening it with the mouse.
        await button.ClickAsync();
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(open).ToHaveCountAsync(0);

        // Esc after working in it: the switch keeps its change.
        await button.ClickAsync();
        await panel.Locator(".mud-switch").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=canvas] image').style.filter.includes('invert(1)')",
            null, new() { Timeout = 5000 });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(open).ToHaveCountAsync(0);

        // A click on the image, outside the panel, closes it and draws nothing.
        await button.ClickAsync();
        await Assertions.Expect(open).ToHaveCountAsync(1);
        var canvas = (await page.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width / 2, canvas.Y + canvas.Height - 40);
        await Assertions.Expect(open).ToHaveCountAsync(0);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(0);
        // Closed, the editor has its keys back: B picks the box tool again.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("b");
        await Assertions.Expect(page.Locator("[data-testid=tool-box]")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task HiddenLockedAndClassNames_AreKeptForTheTask_AcrossAReload()
    {
        var (page, taskId, view) = await OpenEmptyTaskAsync(Labeler);
        await page.Keyboard.PressAsync("3");   // Logo
        await DrawBoxAsync(page, view, 100, 100, 200, 160);
        await DrawBoxAsync(page, view, 300, 100, 400, 160);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await WaitSavedAsync(page);
        var regions = (await DraftAsync(taskId)).OrderBy(r => r.Bounds.X).ToList();
        var first = page.Locator($"[data-testid=canvas] [data-id='{regions[0].Id}']");
        var second = page.Locator($"[data-testid=canvas] [data-id='{regions[1].Id}']");

        // With the mouse: hide the second, lock the first, lock a class; with the keyboard: class names on.
        await Rows(page).Nth(1).Locator("[data-testid=hide-region]").ClickAsync();
        await Rows(page).Nth(0).Locator("[data-testid=lock-region]").ClickAsync();
        await page.Locator("[data-testid=class-toggle-1] [data-testid=lock-class]").ClickAsync();
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("t");
        await Assertions.Expect(second).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator($"[data-testid=canvas] [data-label='{regions[0].Id}']")).ToHaveTextAsync("Logo");

        await page.ReloadAsync();
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await Assertions.Expect(Rows(page).Nth(1).Locator("[data-testid=hide-region]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(Rows(page).Nth(0).Locator("[data-testid=lock-region]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-testid=class-toggle-1] [data-testid=lock-class]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(second).ToBeHiddenAsync();
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=canvas] [data-label='{regions[0].Id}']")).ToHaveTextAsync("Logo");

        // Still locked on the image after the reload: dragging it moves nothing.
        await page.WaitForTimeoutAsync(300);   // the image is fitted once the stage has its size
        await view.DragAsync(150, 130, 250, 250);
        await page.WaitForTimeoutAsync(700);   // longer than the autosave delay
        Assert.Equal(regions[0].Bounds, (await DraftAsync(taskId)).Single(r => r.Id == regions[0].Id).Bounds);

        // Showing it again is kept too.
        await Rows(page).Nth(1).Locator("[data-testid=hide-region]").ClickAsync();
        await Assertions.Expect(second).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await Assertions.Expect(second).ToBeVisibleAsync();
        await Assertions.Expect(Rows(page).Nth(1).Locator("[data-testid=hide-region]")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task PolygonFinishedWithEnter_ThenItsHandleDragged_EditsIt()
    {
        var (page, taskId, view) = await OpenEmptyTaskAsync(Labeler);
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("p");
        foreach (var (x, y) in new[] { (100, 300), (300, 300), (300, 360), (100, 360) }) await view.ClickAsync(x, y);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=tool-select]")).ToHaveAttributeAsync("aria-pressed", "true");

        // Drag the first vertex's handle up and left: the same polygon changes, no new one starts.
        await view.DragAsync(100, 300, 80, 260);
        await page.WaitForTimeoutAsync(300);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-vertex]")).ToHaveCountAsync(4);
        // The canvas sends the edit when the drag ends: wait for it to be stored (10 s at most).
        var until = DateTime.UtcNow.AddSeconds(10);
        var polygon = Assert.Single(await DraftAsync(taskId));
        while (Math.Abs(polygon.Points[0].X - 80) > 3 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            polygon = Assert.Single(await DraftAsync(taskId));
        }
        Near(80, polygon.Points[0].X, 3, "vertex x");
        Near(260, polygon.Points[0].Y, 3, "vertex y");
    }

    [Fact]
    public async Task ClassHotkey_WithARegionSelected_RelabelsOnlyIt_AndUndoes()
    {
        var (page, _, view) = await OpenEmptyTaskAsync(Labeler2);
        await page.Keyboard.PressAsync("1");
        await DrawBoxAsync(page, view, 100, 100, 200, 160);
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("Text line");

        await page.Keyboard.PressAsync("3");   // the new box is selected
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("Logo");
        await Assertions.Expect(page.Locator("[data-testid=class-1]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("Text line");

        // The next box still gets the class chosen before.
        await page.Keyboard.PressAsync("Escape");
        await DrawBoxAsync(page, view, 300, 100, 400, 160);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await Assertions.Expect(Rows(page).Nth(1)).ToContainTextAsync("Text line");
    }

    [Fact]
    public async Task UndoingADelete_PutsTheRegionBackInItsPlace()
    {
        var (page, _, view) = await OpenEmptyTaskAsync(Labeler);
        await page.Keyboard.PressAsync("3");
        foreach (var x in new[] { 100, 250, 400 }) await DrawBoxAsync(page, view, x, 100, x + 100, 160);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3);
        var ids = await Rows(page).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.regionId)");

        await Rows(page).Nth(1).ClickAsync();
        await page.ClickAsync("[data-testid=delete-region]");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3);
        Assert.Equal(ids, await Rows(page).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.regionId)"));
    }

    [Fact]
    public async Task QuestionMark_OpensTheShortcutList()
    {
        var (page, _, _) = await OpenEmptyTaskAsync(Labeler2);
        await page.Keyboard.PressAsync("?");
        var rows = page.Locator("[data-testid=shortcut-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 15, "every shortcut is listed");
        var text = string.Join("\n", await rows.AllInnerTextsAsync());
        foreach (var expected in new[] { "split", "merge", "hide", "lock", "undo", "Text line", "Ctrl+Shift+Z" })
            Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-shortcuts.png") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(rows.First).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Toolbar_AtLaptopSize_KeepsSubmitOnTheFirstRow_ProblemsStayCompact_AndSubmitFocusesTheNextImage()
    {
        var longName = string.Concat(Enumerable.Repeat("a-very-long-scanned-file-name-from-the-archive_", 5)) + ".png";
        await using (var db = browser.App.Db())
            await db.Tasks.ExecuteUpdateAsync(t => t.SetProperty(x => x.FileName, longName));
        var (page, _, view) = await OpenEmptyTaskAsync(Labeler, 1366, 768);

        var back = (await page.Locator("[aria-label='Back to the queue']").BoundingBoxAsync())!;
        var submit = (await page.Locator("[data-testid=submit]").BoundingBoxAsync())!;
        Assert.True(Math.Abs(submit.Y + submit.Height / 2 - (back.Y + back.Height / 2)) < 8, $"Submit on the first row: {submit.Y} vs {back.Y}");
        Assert.True(submit.X + submit.Width <= 1366, "Submit inside the window");
        Assert.Equal(longName, (await page.Locator("[data-testid=task-title]").GetAttributeAsync("title"))!.Split(" · ")[1]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-1366.png") });

        // Four lines without their required text: a summary, three of them, and "show all".
        await page.Keyboard.PressAsync("1");
        foreach (var y in new[] { 100, 200, 300, 400 }) await DrawBoxAsync(page, view, 100, y, 300, y + 40);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
        await WaitSavedAsync(page);
        await page.ClickAsync("[data-testid=submit]");
        var banner = page.Locator("[data-testid=submit-problems]");
        await Assertions.Expect(banner.Locator("[data-testid=problem-count]")).ToHaveTextAsync("4 problems");
        await Assertions.Expect(banner.Locator(".lw-problem")).ToHaveCountAsync(3);
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-1366-problems.png") });
        await AssertImageFitsAsync(page);
        await banner.Locator("[data-testid=show-all-problems]").ClickAsync();
        await Assertions.Expect(banner.Locator(".lw-problem")).ToHaveCountAsync(4);
        await page.WaitForTimeoutAsync(300);
        await AssertImageFitsAsync(page);

        // Undo the four lines and submit the empty page: the next task opens with the image focused, not a button.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        for (var i = 0; i < 4; i++) await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(0);
        await WaitSavedAsync(page);
        var url = page.Url;
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForURLAsync(u => u != url);
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.dataset?.testid === 'canvas'");

        await page.SetViewportSizeAsync(1920, 1080);
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "annotate-1920.png") });
    }

    /// <summary>The whole image is on screen inside the canvas: nothing cut off at the bottom.</summary>
    private static async Task AssertImageFitsAsync(IPage page)
    {
        var canvas = (await page.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        var image = (await page.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
        Assert.True(image.Y >= canvas.Y - 1 && image.Y + image.Height <= canvas.Y + canvas.Height + 1,
            $"image {image.Y}–{image.Y + image.Height} inside the canvas {canvas.Y}–{canvas.Y + canvas.Height}");
    }
}
