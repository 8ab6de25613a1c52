using LabelerWorkbench.Features.Editor;
using Bunit;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class RegionListTests : ComponentTestContext
{
    private static readonly LabelSchema Schema = new(
    [
        new(1, "Text line", "#1e88e5", "1", true, true, true),
        new(3, "Logo", "#8e24aa", "3", true, false, false),
    ]);

    private static readonly RegionData Sign = new(Guid.NewGuid(), GeometryKind.Polygon, 1,
        [new(100, 50), new(300, 50), new(300, 90), new(100, 90)], "<script>alert('x')</script>", Provenance.Labeler("ann"));
    private static readonly RegionData Logo = new(Guid.NewGuid(), GeometryKind.Box, 3,
        [new(10, 10), new(60, 40)], "", new Provenance(RegionSource.Model, null, "ppocr-det", "4", 0.87));

    private IRenderedComponent<RegionList> RenderList(Guid? selected, Action<Guid?>? onSelect = null, Action<(Guid, string)>? onText = null) =>
        Render<RegionList>(p => p
            .Add(x => x.Regions, [Sign, Logo])
            .Add(x => x.Schema, Schema)
            .Add(x => x.ImageUrl, "/api/images/abc")
            .Add(x => x.ImageWidth, 800)
            .Add(x => x.ImageHeight, 600)
            .Add(x => x.SelectedId, selected)
            .Add(x => x.SelectedIdChanged, id => onSelect?.Invoke(id))
            .Add(x => x.TranscriptionChanged, c => onText?.Invoke(c)));

    [Fact]
    public void ListsEveryRegion_WithClassNumberAndText_EncodingHostileText()
    {
        var list = RenderList(null);
        var rows = list.FindAll("[data-testid=region-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Text line", rows[0].TextContent);
        Assert.Contains("<script>alert('x')</script>", rows[0].TextContent);
        Assert.Empty(list.FindAll("script"));
        Assert.Contains("87", rows[1].QuerySelector(".lw-model-badge")!.TextContent);
    }

    [Fact]
    public void ClickingARow_SelectsThatRegion()
    {
        Guid? chosen = null;
        var list = RenderList(null, onSelect: id => chosen = id);
        list.FindAll("[data-testid=region-row]")[1].Click();
        Assert.Equal(Logo.Id, chosen);
    }

    [Fact]
    public void SelectedRegion_ShowsItsCropAndTranscription()
    {
        var list = RenderList(Sign.Id);
        Assert.Contains("Region 1", list.Find("[data-testid=selected-region]").TextContent);
        Assert.Equal(Sign.Transcription, list.Find("[data-testid=transcription]").GetAttribute("value") ?? list.Find("[data-testid=transcription]").TextContent);
        // Bounds 200×40 plus a 20 px margin each side = 240×80, scaled to the 300×140 panel by 1.25.
        var style = list.Find("[data-testid=region-crop]").GetAttribute("style")!;
        Assert.Contains("width: 300px; height: 100px", style);
        Assert.Contains("background-size: 1000px 750px", style);
        Assert.Contains("background-position: -100px -37.5px", style);
    }

    [Fact]
    public async Task TypingATranscription_ReportsIt()
    {
        (Guid Id, string Text)? typed = null;
        var list = RenderList(Logo.Id, onText: c => typed = c);
        await list.Find("[data-testid=transcription]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "ACME" });
        list.WaitForAssertion(() => Assert.Equal((Logo.Id, "ACME"), typed), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void SelectingARegion_RendersOnlyTheRowsWhoseHighlightMoved()
    {
        var list = RenderList(Sign.Id);
        var rows = list.FindComponents<RegionRow>();
        var before = rows.Select(r => r.RenderCount).ToArray();

        list.Render(p => p.Add(x => x.SelectedId, Logo.Id));

        Assert.Equal([before[0] + 1, before[1] + 1], rows.Select(r => r.RenderCount));
        Assert.Contains("selected", list.FindAll("[data-testid=region-row]")[1].ClassName);
        // The panel changed too (another region shown), but rows whose state did not change stay as they were.
        list.Render(p => p.Add(x => x.LowConfidence, 0.8));
        Assert.Equal([before[0] + 1, before[1] + 1], rows.Select(r => r.RenderCount));
    }
}
