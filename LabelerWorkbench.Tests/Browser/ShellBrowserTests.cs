using System.Net;
using System.Net.Http.Headers;
using LabelerWorkbench.Features.Demo;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>What every page shares: the 404 page, the theme a person chose, and copying a new API key.</summary>
[Collection(BrowserCollection.Name)]
public class ShellBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnUnknownAddress_ShowsTheAppsOwn404_InItsLayout_WithAWayBack()
    {
        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        var response = await page.GotoAsync("/no/such/page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("There is no page at this address");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToBeVisibleAsync();
        // The page's own address shows the same page (it is what the server re-executes for any unknown one).
        await page.GotoAsync("/not-found");
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("There is no page at this address");
        await page.ClickAsync("text=Go to the start page");
        // Blazor navigates in place (no load event): watch the address and the page, not a navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects$"));
        await Assertions.Expect(page.Locator("h1", new() { HasText = "Projects" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheDarkTheme_IsChosenWithOneClick_AndKeptAfterAReload()
    {
        var labeler = DemoSeeder.Users[1];
        var page = await browser.SignInAsync(labeler.Email, labeler.Password);
        const string background = "() => getComputedStyle(document.body).backgroundColor";
        var light = await page.EvaluateAsync<string>(background);
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync($"light => ({background})() !== light", light);
        var dark = await page.EvaluateAsync<string>(background);
        Assert.True(Luminance(dark) < Luminance(light), $"{dark} is darker than {light}");

        await page.ReloadAsync();
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();
        await page.WaitForFunctionAsync($"dark => ({background})() === dark", dark);

        // The editor follows the theme too: its toolbar and side panel are dark, their text light.
        await PageGestures.StartLabelingAsync(page);
        foreach (var part in new[] { ".lw-side", ".lw-toolbar" })
        {
            var colours = await page.EvaluateAsync<string[]>($"() => {{ const s = getComputedStyle(document.querySelector('{part}')); return [s.backgroundColor, s.color]; }}");
            Assert.True(Luminance(colours[0]) < 80 && Luminance(colours[1]) > 150, $"{part}: background {colours[0]}, text {colours[1]}");
        }
        await page.GotoAsync("/queue");
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();

        // And back, for whoever uses this browser next.
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync($"light => ({background})() === light", light);
    }

    [Fact]
    public async Task ANewApiKey_IsCopiedWithOneClick_AndWorksOnThePublicApi()
    {
        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = browser.BaseUrl });
        var projectId = browser.App.DemoProjectId();
        await page.GotoAsync($"/projects/{projectId}");
        await page.ClickAsync(".mud-tab:has-text('API & webhooks')");
        await page.Locator("[data-testid=key-name]").FillAsync("ingest pipeline");
        await page.ClickAsync("[data-testid=create-key]");
        var shown = (await page.Locator("[data-testid=new-key]").InnerTextAsync()).Trim();
        await page.ClickAsync("[data-testid=copy-key]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(shown, copied);

        using var api = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", copied);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/projects/{projectId}/tasks")).StatusCode);
    }

    static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
