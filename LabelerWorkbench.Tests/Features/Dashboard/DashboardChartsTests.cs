using Bunit;
using LabelerWorkbench.Domain.Quality;
using LabelerWorkbench.Domain.Quality.Statistics;
using LabelerWorkbench.Features.Dashboard;
using LabelerWorkbench.Features.Dashboard.Lead;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Tests.Features.Annotate;

namespace LabelerWorkbench.Tests.Features.Dashboard;

/// <summary>The lead's charts say what each number is: percentages with their counts, and training marked in time.</summary>
public class DashboardChartsTests : ComponentTestContext
{
    [Fact]
    public void TheTrend_MarksEveryTrainingPush_AndEachPointSaysWhatItMeasures()
    {
        var start = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        TrendPoint[] points =
        [
            new(start, 0.05, 0.01, 0.12, false),
            new(start.AddMinutes(1), 0.15, 0.05, 0.30, false),
            new(start.AddMinutes(2), 0.25, 0.10, 0.45, true),
            new(start.AddMinutes(3), 0.12, 0.04, 0.25, false),
        ];
        var chart = Render<TrendChart>(p => p.Add(c => c.Points, points).Add(c => c.Threshold, 0.1));

        var training = chart.FindAll("[data-testid=trend-training]");
        Assert.Single(training);
        Assert.Contains("Training pushed after check 2", training[0].TextContent);
        var titles = chart.FindAll("circle title").Select(t => t.TextContent).ToList();
        Assert.Equal(4, titles.Count);
        Assert.StartsWith("Start (the team's rate", titles[0]);
        Assert.Contains("25 %", titles[2]);
        Assert.Contains("95 % interval", titles[2]);
        Assert.Contains("threshold 10 %", chart.Find("svg").TextContent);
    }

    [Fact]
    public void TheHeatmap_ShowsPercentagesWithTheirCounts_AndOutlinesAFlaggedCell()
    {
        var rates = ErrorCodes.All.Select(c => c == ErrorCode.MissedRegion
            ? new RateEstimate(c, 3, 8, 0.125, 0.04, 0.3, 0.7)
            : RateEstimate.None(c)).ToList();
        var row = new LabelerRow("u1", "Ana <b>", 8, 2, new Share(1, 2), new Share(0, 0), rates, [ErrorCode.MissedRegion], 0, 0,
            default!, default!, [], MergeAgreement.None);
        var data = new LeadDashboard(default!, 0, 0, 0, 0, [row], [], [], 0.1);
        var heatmap = Render<HeatmapPanel>(p => p.Add(c => c.Data, data));

        var cells = heatmap.FindAll("[data-testid=heat-cell]");
        Assert.Equal(ErrorCodes.All.Count, cells.Count);
        var missed = cells[ErrorCodes.All.ToList().IndexOf(ErrorCode.MissedRegion)];
        Assert.Contains("12.5 %", missed.TextContent);
        Assert.Contains("n = 8", missed.TextContent);
        Assert.Contains("flagged", missed.ClassName);
        Assert.Contains("from 8 checks", missed.GetAttribute("title"));
        Assert.Contains("no checks", cells[ErrorCodes.All.ToList().IndexOf(ErrorCode.ExtraRegion)].TextContent);
        // A name is text, never markup.
        Assert.Contains("Ana <b>", heatmap.Find("th[scope=row]").TextContent);
    }
}
