using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>What matters to a labeler, in a real browser with real mouse and keyboard events.</summary>
[Collection(BrowserCollection.Name)]
public class AnnotateBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DemoUser Labeler = DemoSeeder.Users[1];

    private async Task<(IPage Page, LocatorBoundingBoxResult Canvas)> StartLabelingAsync(DemoUser user)
    {
        var page = await browser.SignInAsync(user.Email, user.Password);
        await PageGestures.StartLabelingAsync(page);
        // The canvas fits the image once its host has a size; give layout a moment.
        await page.WaitForTimeoutAsync(300);
        // Positions below are relative to the image as shown (it is letterboxed inside the canvas).
        var image = (await page.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
        Assert.True(image.Width > 500 && image.Height > 500, $"the image is fitted to the screen: {image.Width}×{image.Height}");
        return (page, image);
    }

    private static int TaskIdOf(IPage page) => int.Parse(page.Url.Split('/').Last());

    private static async Task WaitSavedAsync(IPage page) =>
        await page.Locator("[data-testid=save-state][data-state=saved]").WaitForAsync();

    private static async Task DragAsync(IPage page, double x1, double y1, double x2, double y2)
    {
        await page.Mouse.MoveAsync((float)x1, (float)y1);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)x2, (float)y2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task Labeler_DrawsBoxAndPolygon_TypesText_Reloads_FindsEverything_AndSubmits()
    {
        var (page, c) = await StartLabelingAsync(Labeler);
        var taskId = TaskIdOf(page);
        var rows = page.Locator("[data-testid=region-row]");

        // A box, class Logo (hotkey 3), drawn by dragging.
        await page.Keyboard.PressAsync("3");
        await page.Keyboard.PressAsync("b");
        await DragAsync(page, c.X + 150, c.Y + 120, c.X + 260, c.Y + 190);
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // Undo and redo the box with the keyboard.
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+Shift+Z");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // A polygon, class Text line (hotkey 1): four clicks, Enter to finish.
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("p");
        foreach (var (x, y) in new[] { (250, 300), (450, 300), (450, 350), (250, 350) })
            await page.Mouse.ClickAsync((float)(c.X + x), (float)(c.Y + y));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Text line");

        // The new polygon is selected: type its transcription (hostile text stays text).
        const string text = "Flat white 3.30 <b>&</b>";
        await page.FillAsync("[data-testid=transcription]", text);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(text);
        await WaitSavedAsync(page);

        await page.ReloadAsync();
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Logo");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(text);
        Assert.Equal(1, await page.Locator("[data-testid=canvas] rect.lw-region").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=canvas] polygon.lw-region").CountAsync());
        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync(text);

        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForURLAsync(url => !url.EndsWith($"/annotate/{taskId}"));

        await using var db = browser.App.Db();
        var revision = await db.Revisions.SingleAsync(r => r.TaskId == taskId);
        var regions = revision.Regions;
        Assert.Equal(2, regions.Count);
        Assert.Equal(text, regions.Single(r => r.Kind == GeometryKind.Polygon).Transcription);
        Assert.Equal(4, regions.Single(r => r.Kind == GeometryKind.Polygon).Points.Count);
        Assert.Equal(LabelTaskStatus.InReview, (await db.Tasks.SingleAsync(t => t.Id == taskId)).Status);
    }

    [Fact]
    public async Task Labeler_MovesAndResizesABox_EditsPolygonVertices_AndIsToldWhatBlocksSubmit()
    {
        var (page, c) = await StartLabelingAsync(DemoSeeder.Users[2]);
        var taskId = TaskIdOf(page);
        var rows = page.Locator("[data-testid=region-row]");

        await page.Keyboard.PressAsync("3");
        await page.Keyboard.PressAsync("b");
        await DragAsync(page, c.X + 100, c.Y + 100, c.X + 200, c.Y + 160);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await WaitSavedAsync(page);
        var before = await DraftBounds(taskId);

        // Select tool; drag the box body, then its south-east handle.
        await page.Keyboard.PressAsync("v");
        await DragAsync(page, c.X + 150, c.Y + 130, c.X + 190, c.Y + 150);
        var handle = (await page.Locator("[data-handle=se]").BoundingBoxAsync())!;
        await DragAsync(page, handle.X + handle.Width / 2, handle.Y + handle.Height / 2, handle.X + 60, handle.Y + 40);
        // The canvas sends the edit when the drag ends; "Saved" may still be showing from the move until it arrives.
        var after = await DraftBoundsWhenAsync(taskId, b => b.Width > before.Width + 20);
        Assert.True(after.X > before.X + 5, $"moved right: {before} → {after}");
        Assert.True(after.Width > before.Width + 20, $"resized wider: {before} → {after}");

        // A triangle; then insert a vertex from an edge midpoint and delete another with Alt+click.
        await page.Keyboard.PressAsync("Escape");   // with the box selected, "1" would relabel the box
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("p");
        foreach (var (x, y) in new[] { (300, 300), (460, 300), (380, 420) })
            await page.Mouse.ClickAsync((float)(c.X + x), (float)(c.Y + y));
        await page.Mouse.ClickAsync((float)(c.X + 300), (float)(c.Y + 300)); // back on the first vertex closes it
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("v");
        var mid = (await page.Locator("[data-mid='0']").BoundingBoxAsync())!;
        await DragAsync(page, mid.X + mid.Width / 2, mid.Y + mid.Height / 2, mid.X + mid.Width / 2, mid.Y - 30);
        await Assertions.Expect(page.Locator("[data-vertex]")).ToHaveCountAsync(4);
        var vertex = page.Locator("[data-vertex='3']");
        await vertex.ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Alt] });
        await Assertions.Expect(page.Locator("[data-vertex]")).ToHaveCountAsync(3);
        await WaitSavedAsync(page);

        // The polygon's class needs a transcription: submit says so and keeps the task.
        await page.ClickAsync("[data-testid=submit]");
        await Assertions.Expect(page.Locator("[data-testid=submit-problems]")).ToContainTextAsync("Region 2 (Text line): the transcription is required.");
        Assert.EndsWith($"/annotate/{taskId}", page.Url);

        // Delete the polygon with the Delete key; undo brings it back.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
    }

    /// <summary>The box's stored bounds once they satisfy <paramref name="done"/>, or after 10 s as they are.</summary>
    private async Task<Box> DraftBoundsWhenAsync(int taskId, Func<Box, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var bounds = await DraftBounds(taskId);
            if (done(bounds) || DateTime.UtcNow > until) return bounds;
            await Task.Delay(100);
        }
    }

    private async Task<Box> DraftBounds(int taskId)
    {
        await using var db = browser.App.Db();
        var row = await db.DraftRegions.SingleAsync(r => r.TaskId == taskId && r.Kind == GeometryKind.Box);
        return RegionJson.FromRow(row).Bounds;
    }
}
