using LabelerWorkbench.Features.Demo;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>
/// The pages run under the script policy (scripts from this origin, the import map by nonce): the app itself
/// trips no violation, and a script smuggled into the page is refused by the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ScriptPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string RecordViolations =
        "document.addEventListener('securitypolicyviolation', e => (window.__cspViolations ||= []).push(e.violatedDirective + ' ' + e.blockedURI));";

    static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");

    [Fact]
    public async Task TheLeadsPagesAndTheEditor_RunUnderTheScriptPolicy_AndAnInjectedScriptIsRefused()
    {
        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        await page.Context.AddInitScriptAsync(RecordViolations);
        var projectId = browser.App.DemoProjectId();
        foreach (var (path, ready) in new[]
        {
            ("/projects", "text=New project"),
            ($"/projects/{projectId}", ".mud-tab:has-text('Import images')"),
            ($"/dashboard/{projectId}", "[data-testid=signed-in-as]"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("script-src 'self' 'nonce-", await response!.HeaderValueAsync("content-security-policy"));
            await page.Locator(ready).First.WaitForAsync();
            Assert.Empty(await ViolationsAsync(page));
        }

        // An inline script added to the page (as an injection would) does not run.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => (window.__cspViolations || []).length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"));
        Assert.Contains(await ViolationsAsync(page), v => v.StartsWith("script-src", StringComparison.Ordinal) && v.EndsWith("inline", StringComparison.Ordinal));

        // The editor loads its modules through the import map; drawing works, so its scripts ran.
        var labeler = DemoSeeder.Users[1];
        var labelerPage = await browser.SignInAsync(labeler.Email, labeler.Password);
        await labelerPage.Context.AddInitScriptAsync(RecordViolations);
        await labelerPage.GotoAsync("/queue");
        await PageGestures.StartLabelingAsync(labelerPage);
        var regions = labelerPage.Locator("[data-testid=region-row]");
        var before = await regions.CountAsync();
        await labelerPage.Keyboard.PressAsync("3");
        await labelerPage.Keyboard.PressAsync("b");
        await labelerPage.WaitForTimeoutAsync(300); // the canvas fits the image once its host has a size
        var image = (await labelerPage.Locator("[data-testid=canvas] image").BoundingBoxAsync())!;
        await PageGestures.DragAsync(labelerPage, image.X + 150, image.Y + 120, image.X + 260, image.Y + 190);
        await Assertions.Expect(regions).ToHaveCountAsync(before + 1);
        Assert.Empty(await ViolationsAsync(labelerPage));
    }
}
