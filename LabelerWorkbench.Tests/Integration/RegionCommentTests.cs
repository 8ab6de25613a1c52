using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Comments;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>Comments on regions reach the labeler of the task and its reviewers, and nobody else.</summary>
public class RegionCommentTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task TheLabelerAndTheReviewer_ShareARegionsComments_AnotherLabelerCannotReadOrWriteThem()
    {
        var comments = app.Get<RegionCommentService>();
        var labeler = await app.UserIdAsync(DemoSeeder.Users[1]);
        var other = await app.UserIdAsync(DemoSeeder.Users[2]);
        var reviewer = await app.UserIdAsync(DemoSeeder.Users[3]);
        var taskId = (await app.Get<LabelingService>().LeaseNextAsync(app.DemoProjectId(), labeler))!.Value;
        var region = Guid.NewGuid();

        Assert.Null(await comments.AddAsync(taskId, region, labeler, reviews: false, isLead: false, "Is this a <b>price</b>?\u202E"));
        Assert.Null(await comments.AddAsync(taskId, region, reviewer, reviews: true, isLead: false, "  Yes: the amount after the dots.  "));

        var (seen, error) = await comments.ListAsync(taskId, labeler, reviews: false, isLead: false);
        Assert.Null(error);
        Assert.Equal(["Is this a <b>price</b>?", "Yes: the amount after the dots."], seen.Select(c => c.Text));
        Assert.Equal([true, false], seen.Select(c => c.Mine));
        Assert.Equal("Rita Reviewer", seen[1].AuthorName);
        Assert.All(seen, c => Assert.Equal(region, c.RegionId));

        // A labeler of the same project who neither holds nor submitted the task is told it does not exist.
        Assert.NotNull((await comments.ListAsync(taskId, other, reviews: false, isLead: false)).Error);
        Assert.NotNull(await comments.AddAsync(taskId, region, other, reviews: false, isLead: false, "hello"));
        Assert.NotNull(await comments.AddAsync(taskId + 100_000, region, reviewer, reviews: true, isLead: false, "hello"));

        Assert.Equal("Write something first.", await comments.AddAsync(taskId, region, labeler, false, false, " \u200B "));
        Assert.Contains("at most", await comments.AddAsync(taskId, region, labeler, false, false, new string('x', RegionCommentRules.MaxLength + 1)));
        Assert.Equal(2, (await comments.ListAsync(taskId, reviewer, reviews: true, isLead: false)).Comments.Count);
    }
}
