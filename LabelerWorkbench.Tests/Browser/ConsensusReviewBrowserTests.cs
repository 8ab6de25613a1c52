using System.Text.RegularExpressions;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LabelerWorkbench.Tests.Browser;

/// <summary>
/// A disputed merge as its reviewer meets it: three labelers' replicas disagree on a class, a word and a region's
/// existence; the reviewer sees each disagreement, jumps to it, takes the left-out region in and accepts by keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ConsensusReviewBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DemoUser Reviewer = DemoSeeder.Users[3];

    [Fact]
    public async Task Reviewer_SeesTheDisagreements_JumpsToOne_AddsALeftOutRegion_AndAccepts()
    {
        var app = browser.App;
        var projectId = app.DemoProjectId();
        await app.SetQualityAsync(q => { q.GoldRate = 0; q.OverlapMode = OverlapMode.All; q.OverlapReplicas = 3; q.ConsensusAgreementThreshold = 0.8; });
        int textLine, price, logo;
        await using (var db = app.Db())
        {
            textLine = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Text line")).Id;
            price = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Price")).Id;
            logo = (await db.LabelClasses.SingleAsync(c => c.ProjectId == projectId && c.Name == "Logo")).Id;
        }
        var liam = await app.UserIdAsync(DemoSeeder.Users[1]);
        var lara = await app.UserIdAsync(DemoSeeder.Users[2]);
        var labeling = app.Get<LabelingService>();
        int? overlapTask = null;
        foreach (var (who, priceClass, line, withLogo) in new[] { (liam, price, "Cafe Menu", false), (lara, textLine, "Cafe Menv", true), ("guest-labeler", price, "Cafe Menu", false) })
        {
            var copy = (await labeling.LeaseNextAsync(projectId, who))!.Value;
            await using (var db = app.Db()) overlapTask ??= (await db.Tasks.SingleAsync(t => t.Id == copy)).ReplicaOfTaskId;
            List<RegionData> regions =
            [
                new(Guid.NewGuid(), GeometryKind.Box, priceClass, [new(80, 80), new(380, 130)], "12.50", Provenance.Labeler(who)),
                new(Guid.NewGuid(), GeometryKind.Box, textLine, [new(100, 200), new(300, 240)], line, Provenance.Labeler(who)),
            ];
            if (withLogo) regions.Add(new(Guid.NewGuid(), GeometryKind.Box, logo, [new(450, 250), new(530, 330)], "", Provenance.Labeler(who)));
            var draft = await labeling.SaveDraftAsync(copy, who, regions.Select(r => r with { Id = Guid.NewGuid() }).ToList(), []);
            Assert.True(draft.Ok, draft.Error);
            var submitted = await labeling.SubmitAsync(copy, who);
            Assert.True(submitted.Ok, string.Join("; ", submitted.Problems));
            if (who == lara)   // Liam's work waits for the third labeler; it is not "accepted" on its own
                Assert.Equal(MyWorkState.WaitingForOthers, (await app.Get<MyWorkService>().PageAsync(liam, 0, 10)).Rows.Single().State);
        }
        Assert.Equal(MyWorkState.Merged, (await app.Get<MyWorkService>().PageAsync(liam, 0, 10)).Rows.Single().State);
        Assert.NotNull(overlapTask);
        await using (var db = app.Db())
            Assert.Equal(LabelTaskStatus.InReview, (await db.Tasks.SingleAsync(t => t.Id == overlapTask)).Status);

        var page = await browser.SignInAsync(Reviewer.Email, Reviewer.Password);
        await page.GotoAsync("/review");
        var queue = page.Locator("[data-testid=review-queue] tbody tr");
        await Assertions.Expect(queue).ToHaveCountAsync(1);
        await Assertions.Expect(queue.First).ToContainTextAsync("merge of replicas");
        await queue.First.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/review/{overlapTask}");
        await page.Locator("[data-testid=canvas] image").WaitForAsync();

        // What the replicas disagreed on: the price's class (2 to 1), one word of the line, and a logo only Lara drew.
        var panel = page.Locator("[data-testid=disagreements]");
        await Assertions.Expect(panel).ToContainTextAsync("Merged from 3 labelers");
        var disputes = page.Locator("[data-testid=dispute]");
        await Assertions.Expect(disputes).ToHaveCountAsync(2);
        await Assertions.Expect(disputes.Nth(0)).ToContainTextAsync("class: Price 2 · Text line 1");
        await Assertions.Expect(page.Locator("[data-testid=doubtful-word]")).ToHaveTextAsync("Menu");
        await Assertions.Expect(page.Locator("[data-testid=dropped-region]")).ToContainTextAsync("Only Lara Labeler drew Logo");
        await Assertions.Expect(disputes.Nth(0)).ToContainTextAsync("→ Price");
        await Assertions.Expect(disputes.Nth(1).Locator("[data-testid=typed-by]")).ToContainTextAsync("Lara Labeler: “Cafe Menv”");
        await Assertions.Expect(page.Locator("[data-testid=suggestion-summary]")).ToHaveCountAsync(0);   // a merge did not come from suggestions
        await Assertions.Expect(page.Locator("[data-testid=review-reject]")).ToHaveCountAsync(0);   // nobody to return a merge to

        // A disagreement selects its region on the image and in the list.
        await disputes.Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Region 2");
        await Assertions.Expect(page.Locator("[data-testid=transcription]")).ToHaveValueAsync("Cafe Menu");

        // The reviewer agrees with Lara about the logo: it goes into the result, selected.
        await page.Locator("[data-testid=add-dropped]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=region-row]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=selected-region]")).ToContainTextAsync("Logo");
        await Assertions.Expect(page.Locator("[data-testid=dropped-region]")).ToHaveCountAsync(0);

        // Ctrl+Shift+Backspace on a merge says why it cannot be returned; Ctrl+Enter accepts.
        await page.Locator("[data-testid=canvas]").FocusAsync();
        await page.Keyboard.PressAsync("Control+Shift+Backspace");
        await Assertions.Expect(page.Locator("[data-testid=review-problems]")).ToContainTextAsync("no single labeler to return it to");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForURLAsync("**/review");
        await using (var db = app.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == overlapTask);
            Assert.Equal(LabelTaskStatus.Accepted, task.Status);
            var final = await db.Revisions.Where(r => r.TaskId == overlapTask).OrderByDescending(r => r.Number).FirstAsync();
            Assert.Equal(3, final.Regions.Count);
            Assert.Contains(final.Regions, r => r.ClassId == logo);
            Assert.Equal(price, final.Regions.Single(r => r.Points[0].Y == 80).ClassId);
            Assert.Empty(await db.Reviews.Where(r => r.TaskId == overlapTask && r.Verdict == ReviewVerdict.Rejected).ToListAsync());
        }
        // Liam's own list now shows the reviewer's verdict on the merge his replica went into.
        var mine = (await app.Get<MyWorkService>().PageAsync(liam, 0, 10)).Rows.Single();
        Assert.Equal(MyWorkState.Merged, mine.State);
        Assert.Equal(ReviewVerdict.Accepted, mine.Review?.Verdict);
        Assert.Equal("Rita Reviewer", mine.Review?.ReviewerName);

        // The lead sees each labeler's agreement with the merge as a signal on the dashboard, and the merge apart from
        // the sampled estimate on the Quality tab. Liam drew both regions as the merge did; Lara neither, plus a logo.
        var lead = DemoSeeder.Users[0];
        var leadPage = await browser.SignInAsync(lead.Email, lead.Password);
        await leadPage.GotoAsync($"/dashboard/{projectId}");
        ILocator Row(string name) => leadPage.Locator("tr", new() { Has = leadPage.Locator("[data-testid=labeler-name]", new() { HasText = name }) });
        await Assertions.Expect(Row("Liam Labeler").Locator("[data-testid=merge-agreement-cell]")).ToHaveTextAsync(new Regex(@"^\s*100\s?% of 1\s*$"));
        await Assertions.Expect(Row("Lara Labeler").Locator("[data-testid=merge-agreement-cell]")).ToHaveTextAsync(new Regex(@"^\s*0\s?% of 1\s*$"));
        await leadPage.GotoAsync($"/projects/{projectId}");
        await leadPage.Locator(".mud-tab:has-text('Quality')").ClickAsync();
        await Assertions.Expect(leadPage.Locator("[data-testid=merged-quality]")).ToContainTextAsync("1 accepted merge of");
        await Assertions.Expect(leadPage.Locator("[data-testid=merged-quality]")).ToContainTextAsync("0 of 1 reviewed needed no fix");

        // The data manager lists the overlap task (as a merge), never the labelers' private replicas.
        await leadPage.GotoAsync($"/projects/{projectId}/tasks");
        var merged = leadPage.Locator("tr", new() { HasText = "merge of replicas" });
        await Assertions.Expect(merged).ToHaveCountAsync(1);
        int replicas;
        await using (var db = app.Db()) replicas = await db.Tasks.CountAsync(t => t.ReplicaOfTaskId == overlapTask);
        Assert.Equal(3, replicas);
        string file;
        await using (var db = app.Db()) file = (await db.Tasks.SingleAsync(t => t.Id == overlapTask)).FileName;
        await Assertions.Expect(leadPage.Locator("tr", new() { HasText = file })).ToHaveCountAsync(1);
    }
}

/// <summary>The lead turns overlap on in the Quality tab; the next labelers to ask for work get replicas of one task.</summary>
[Collection(BrowserCollection.Name)]
public class OverlapPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lead_SetsOverlapForAllTasks_AndTheNextLabelersGetReplicasOfOneTask()
    {
        var app = browser.App;
        var projectId = app.DemoProjectId();
        var lead = DemoSeeder.Users[0];
        var page = await browser.SignInAsync(lead.Email, lead.Password);
        await page.GotoAsync($"/projects/{projectId}");
        await page.Locator(".mud-tab:has-text('Quality')").ClickAsync();
        var policy = page.Locator("[data-testid=overlap-policy]");
        await policy.WaitForAsync();
        await Assertions.Expect(policy.Locator("input[data-testid=overlap-replicas], [data-testid=overlap-replicas] input")).ToBeDisabledAsync();

        await PageGestures.ChooseWithKeyboardAsync(page, page.Locator("[data-testid=overlap-mode]"), "All tasks");
        var replicas = policy.Locator("input[data-testid=overlap-replicas], [data-testid=overlap-replicas] input");
        await Assertions.Expect(replicas).ToBeEnabledAsync();
        await replicas.FillAsync("7");   // over the limit: the field holds it at 5
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(replicas).ToHaveValueAsync("5");
        await replicas.FillAsync("2");
        await page.Locator("[data-testid=save-policy]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=quality-policy] .mud-alert-message")).ToHaveCountAsync(0);

        await using (var db = app.Db())
        {
            var saved = (await db.Projects.SingleAsync(p => p.Id == projectId)).Quality;
            Assert.Equal(OverlapMode.All, saved.OverlapMode);
            Assert.Equal(2, saved.OverlapReplicas);
        }
        await app.SetQualityAsync(q => q.GoldRate = 0);
        var labeling = app.Get<LabelingService>();
        var first = await labeling.LeaseNextAsync(projectId, await app.UserIdAsync(DemoSeeder.Users[1]));
        var second = await labeling.LeaseNextAsync(projectId, await app.UserIdAsync(DemoSeeder.Users[2]));
        await using (var db = app.Db())
        {
            var copies = await db.Tasks.Where(t => t.Id == first || t.Id == second).ToListAsync();
            Assert.Equal(2, copies.Count);
            Assert.Single(copies.Select(c => c.ReplicaOfTaskId).Distinct());
            Assert.NotNull(copies[0].ReplicaOfTaskId);
        }
    }
}
