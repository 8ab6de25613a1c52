using System.Globalization;
using System.Text.Json;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>Runs only when asked for: <c>LW_BENCH_EDITOR=1</c> (a benchmark, not a check, and it takes a minute).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LW_BENCH_EDITOR") != "1") Skip = "a benchmark: set LW_BENCH_EDITOR=1 to run it";
    }
}

/// <summary>
/// The editor on a page of many regions (default 3,000), in Chromium at 1920×1080: time until the regions are on
/// screen, and per step of wheel zoom, drag, select and typing the time from the input event to the next frame
/// (rAF, then a task after it: roughly input to paint), plus every Event Timing entry of 16 ms or more.
/// Run it with <c>bash LabelerWorkbench.Tests/bench-editor.sh [--regions N] [--steps N]</c>, which sets
/// <c>LW_BENCH_EDITOR=1</c>, <c>LW_BENCH_REGIONS</c> and <c>LW_BENCH_STEPS</c> and runs this test alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EditorBenchmark(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // Installed before the page's own scripts: input-to-next-frame per event type, and the slow events the browser reports.
    private const string Probe = """
        window.__lw = { steps: {}, slow: [] };
        for (const type of ["wheel", "pointermove", "pointerdown", "keydown"])
            addEventListener(type, e => {
                const t0 = e.timeStamp;
                requestAnimationFrame(() => setTimeout(() => (__lw.steps[type] ??= []).push(performance.now() - t0)));
            }, { capture: true, passive: true });
        // The circuit's first render: the layout appears (nothing is prerendered), the start of the page's own budget.
        new MutationObserver((_, o) => { if (document.querySelector(".mud-layout")) { performance.mark("lw-first-render"); o.disconnect(); } })
            .observe(document, { childList: true, subtree: true });
        new PerformanceObserver(list => { for (const e of list.getEntries()) __lw.slow.push({ name: e.name, duration: e.duration }); })
            .observe({ type: "event", durationThreshold: 16, buffered: true });
        """;

    private static int Setting(string name, int fallback, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'");
        return v;
    }

    [BenchmarkFact]
    public async Task Editor_WithManyRegions()
    {
        var regionCount = Setting("LW_BENCH_REGIONS", 3000, 1, 20_000);
        var steps = Setting("LW_BENCH_STEPS", 20, 1, 1000);
        var user = DemoSeeder.Users[1];
        var page = await browser.SignInAsync(user.Email, user.Password);
        await page.SetViewportSizeAsync(1920, 1080);
        await page.Context.AddInitScriptAsync(Probe);
        var taskId = await PageGestures.StartLabelingAsync(page);
        var imageWidth = int.Parse((await page.Locator("[data-testid=canvas] image").GetAttributeAsync("width"))!);
        var imageHeight = int.Parse((await page.Locator("[data-testid=canvas] image").GetAttributeAsync("height"))!);

        // A grid of small boxes and quadrilaterals with a word each, saved as the labeler's draft.
        var userId = await browser.App.UserIdAsync(user);
        var columns = (int)Math.Ceiling(Math.Sqrt(regionCount * (double)imageWidth / imageHeight));
        var rows = (int)Math.Ceiling(regionCount / (double)columns);
        double cw = imageWidth / (double)columns, ch = imageHeight / (double)rows;
        var regions = Enumerable.Range(0, regionCount).Select(i =>
        {
            double x = i % columns * cw + 1, y = i / columns * ch + 1, w = cw * 0.8, h = ch * 0.7;
            IReadOnlyList<Point2> points = i % 3 == 2
                ? [new(x, y), new(x + w, y + 1), new(x + w, y + h), new(x, y + h - 1)]
                : [new(x, y), new(x + w, y + h)];
            return new RegionData(Guid.NewGuid(), i % 3 == 2 ? GeometryKind.Polygon : GeometryKind.Box, 1, points, $"word {i}", Provenance.Labeler(userId));
        }).ToList();
        var saved = await browser.App.Get<LabelingService>().SaveDraftAsync(taskId, userId, regions, []);
        Assert.True(saved.Ok, saved.Error);

        await page.ReloadAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=canvas] .lw-regions > *').length >= {regionCount} && performance.getEntriesByName('lw-canvas-drawn').length > 0",
            null, new() { Timeout = 120_000 });
        var drawn = await page.EvaluateAsync<double[]>("""
            () => {
                const at = name => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
                return [at('lw-canvas-drawn'), at('lw-canvas-drawn') - at('lw-first-render'), at('lw-canvas-drawn') - at('lw-canvas-create')];
            }
            """);
        await page.WaitForTimeoutAsync(1000);
        await page.EvaluateAsync("() => { __lw.steps = {}; __lw.slow = []; }");

        // The renderer's main-thread time (Chromium's own TaskDuration counter) per gesture: the work each step costs,
        // apart from the wait for the next frame that input-to-frame latency includes.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var work = new MainThreadWork(cdp);

        var canvas = (await page.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        float cx = canvas.X + canvas.Width / 2, cy = canvas.Y + canvas.Height / 2;

        // Wheel: in for half the steps, out for the rest, at the pointer.
        await page.Mouse.MoveAsync(cx, cy);
        await work.StartAsync();
        for (var i = 0; i < steps; i++)
        {
            await page.Mouse.WheelAsync(0, i < steps / 2 ? -100 : 100);
            await page.WaitForTimeoutAsync(60);
        }
        var wheelWork = await work.StopAsync();
        var wheel = await TakeAsync(page);

        // Drag one region across the page, `steps` moves.
        await page.Keyboard.PressAsync("f");
        await page.WaitForTimeoutAsync(200);
        var target = (await page.Locator($"[data-id='{regions[regionCount / 2].Id}']").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2);
        await page.Mouse.DownAsync();
        await work.StartAsync();
        for (var i = 1; i <= steps; i++)
        {
            await page.Mouse.MoveAsync(target.X + target.Width / 2 + i * 4, target.Y + target.Height / 2 + i * 2);
            await page.WaitForTimeoutAsync(30);
        }
        var dragWork = await work.StopAsync();
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(500);
        var drag = await TakeAsync(page);

        // Select: click `steps` different regions.
        var selectWork = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var box = (await page.Locator($"[data-id='{regions[(i * 97 + 13) % regionCount].Id}']").BoundingBoxAsync())!;
            await work.StartAsync();
            await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            await page.WaitForTimeoutAsync(150);
            selectWork += await work.StopAsync();
        }
        var select = await TakeAsync(page);

        // Typing into the selected region's transcription.
        await page.Locator("[data-testid=transcription]").ClickAsync();
        await page.WaitForTimeoutAsync(300);
        await page.EvaluateAsync("() => { __lw.steps = {}; __lw.slow = []; }");
        await work.StartAsync();
        await page.Keyboard.TypeAsync(new string('x', steps), new() { Delay = 80 });
        await page.WaitForTimeoutAsync(500);
        var typingWork = await work.StopAsync();
        var typing = await TakeAsync(page);

        output.WriteLine(FormattableString.Invariant($"editor benchmark: {regionCount} regions on a {imageWidth}×{imageHeight} image, 1920×1080, {steps} steps each, {Environment.ProcessorCount} cores"));
        output.WriteLine(FormattableString.Invariant($"drawn: {drawn[0]:F0} ms after navigation start; {drawn[1]:F0} ms after the circuit's first render; {drawn[2]:F0} ms from the canvas module's start"));
        output.WriteLine("input to next frame, and the main thread's work per step (all of its tasks, averaged):");
        output.WriteLine("gesture   event        steps  p50 ms  p95 ms  max ms  work/step ms  Event Timing p95 ms  Event Timing entries ≥16 ms (max ms)");
        Report("wheel", "wheel", wheel, wheelWork / steps);
        Report("drag", "pointermove", drag, dragWork / steps);
        Report("select", "pointerdown", select, selectWork / steps);
        Report("typing", "keydown", typing, typingWork / steps);
    }

    private sealed record Probed(Dictionary<string, double[]> Steps, Slow[] Slow);
    private sealed record Slow(string Name, double Duration);

    private static async Task<Probed> TakeAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("() => { const r = JSON.stringify(__lw); __lw.steps = {}; __lw.slow = []; return r; }");
        return JsonSerializer.Deserialize<Probed>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Chromium's cumulative main-thread task time for the page, read before and after a gesture.</summary>
    private sealed class MainThreadWork(ICDPSession cdp)
    {
        private double _start;
        public async Task StartAsync() => _start = await ReadAsync();
        public async Task<double> StopAsync() => (await ReadAsync() - _start) * 1000;

        private async Task<double> ReadAsync()
        {
            var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics");
            return metrics.EnumerateArray().First(m => m.GetProperty("name").GetString() == "TaskDuration").GetProperty("value").GetDouble();
        }
    }

    private void Report(string gesture, string type, Probed p, double workPerStep)
    {
        var times = (p.Steps.GetValueOrDefault(type) ?? []).Order().ToArray();
        // The browser reports only events of 16 ms or more: the others count as 0 here, which only matters below 16.
        var timed = p.Slow.Where(s => s.Name == type).Select(s => s.Duration).ToList();
        var durations = timed.Concat(Enumerable.Repeat(0.0, Math.Max(0, times.Length - timed.Count))).Order().ToArray();
        var eventP95 = type is "wheel" or "pointermove" ? "—" : FormattableString.Invariant($"{At(durations, 0.95):F0}");
        var slow = string.Join(", ", p.Slow.GroupBy(s => s.Name).Select(g => FormattableString.Invariant($"{g.Key} {g.Count()} ({g.Max(s => s.Duration):F0})")));
        output.WriteLine(FormattableString.Invariant($"{gesture,-9} {type,-12} {times.Length,5}  {At(times, 0.5),6:F1}  {At(times, 0.95),6:F1}  {(times.Length > 0 ? times[^1] : double.NaN),6:F1}  {workPerStep,12:F1}  {eventP95,19}  {(slow.Length > 0 ? slow : "none")}"));
    }

    private static double At(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
