using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>Real mouse and keyboard gestures on the editor's canvas and MudBlazor selects, shared by the browser tests.</summary>
internal static class PageGestures
{
    /// <summary>Clicks Start labeling on the queue and waits for the annotate page's image; returns the task's id.</summary>
    public static async Task<int> StartLabelingAsync(IPage page)
    {
        // The queue is prerendered: a click that lands before the page's circuit is live does nothing, so a click
        // that has not navigated within 15 s is given again (a full suite on 2 cores once lost one).
        for (var attempt = 1; ; attempt++)
        {
            // A click that navigated late, or a page that went on to the labeler's task by itself, is already there.
            await page.WaitForFunctionAsync("() => location.pathname.startsWith('/annotate/') || !!document.querySelector('[data-testid=start-labeling]')");
            if (new Uri(page.Url).AbsolutePath.StartsWith("/annotate/")) break;
            await page.ClickAsync("[data-testid=start-labeling]");
            try
            {
                await page.WaitForURLAsync("**/annotate/*", new() { Timeout = 15_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4) { }
        }
        await page.Locator("[data-testid=canvas] image").WaitForAsync();
        return int.Parse(page.Url.Split('/').Last());
    }

    public static async Task<string[]> FixCodesAsync(IPage page) =>
        [.. (await page.Locator("[data-testid=review-fix] [data-testid=fix-code]").AllInnerTextsAsync()).Select(t => t.Trim())];

    // A MudSelect's data-testid lands on its combobox element, which shows the chosen text.

    /// <summary>Opens a MudSelect with the mouse and clicks the option.</summary>
    public static async Task ChooseWithMouseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).ClickAsync();
        await Assertions.Expect(select).ToHaveTextAsync(option);
    }

    /// <summary>Tabs onto a MudSelect, opens it with the keyboard, moves down to the option and takes it with Enter.</summary>
    public static async Task ChooseWithKeyboardAsync(IPage page, ILocator select, string option)
    {
        await select.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        var texts = await items.AllInnerTextsAsync();
        var from = (await select.InnerTextAsync()).Trim();
        var steps = Array.IndexOf([.. texts], option) - Array.IndexOf([.. texts], from);
        for (var i = 0; i < Math.Abs(steps); i++) await page.Keyboard.PressAsync(steps > 0 ? "ArrowDown" : "ArrowUp");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(select).ToHaveTextAsync(option);
    }

    public static async Task DragAsync(IPage page, double x1, double y1, double x2, double y2)
    {
        await page.Mouse.MoveAsync((float)x1, (float)y1);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)x2, (float)y2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Image coordinates to the screen, read afresh each time (selecting from the list may pan the view).</summary>
    public sealed class CanvasView(IPage page, int imageWidth)
    {
        public double Scale { get; private set; } = 1;

        public async Task<(double X, double Y)> ScreenAsync(double x, double y)
        {
            var image = (await page.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
            Scale = image.Width / imageWidth;
            return (image.X + x * Scale, image.Y + y * Scale);
        }

        public async Task ClickAsync(double x, double y)
        {
            var (sx, sy) = await ScreenAsync(x, y);
            await page.Mouse.ClickAsync((float)sx, (float)sy);
        }

        public async Task DragAsync(double x1, double y1, double x2, double y2)
        {
            var (a, b) = await ScreenAsync(x1, y1);
            var (c, d) = await ScreenAsync(x2, y2);
            await PageGestures.DragAsync(page, a, b, c, d);
        }
    }
}
