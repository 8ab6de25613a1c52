using System.Net;
using System.Net.Sockets;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright.
/// Playwright's own browser download cannot work here, so the system Chromium is launched by path.
/// </summary>
public class BrowserFixture<TApp> : IAsyncLifetime where TApp : WorkbenchFactory, new()
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public TApp App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run the README's test command (bash .ci/test.sh), which installs it.");
        var port = FreePort();
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context signed in as <paramref name="email"/>, on the page the login lands on.</summary>
    public async Task<IPage> SignInAsync(string email, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(60_000);
        // Wait for the signed-in shell, not the load event: on a busy 2-core CI machine a page's "load" can
        // trail its interactive content, and the content is what a person (and the next step) waits for.
        // One retry: a submit that lands while the page's script is still starting can be lost, as a person would retry.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", password);
            await page.ClickAsync("button[type=submit]");
            try
            {
                await page.Locator("[data-testid=signed-in-as]").WaitForAsync(new() { Timeout = attempt == 1 ? 20_000 : 30_000 });
                break;
            }
            catch (TimeoutException) when (attempt == 1) { }
        }
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class BrowserFixture : BrowserFixture<WorkbenchFactory>;

/// <summary>The browser against an app whose models pre-annotate every import.</summary>
public sealed class PreAnnotatedBrowserFixture : BrowserFixture<PreAnnotatingFactory>;

/// <summary>
/// Browser tests run one class at a time: each drives Chromium and a server on a 2-core machine, and
/// timing-sensitive pointer work should not compete with the other browser classes for the CPU.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
