using LabelerWorkbench.Features.Editor;
using Bunit;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Annotate;

public class ToolPaletteTests : ComponentTestContext
{
    private static readonly LabelSchema Schema = new(
    [
        new(1, "Text line", "#1e88e5", "1", true, true, true),
        new(3, "Logo", "#8e24aa", "3", true, false, false),
    ]);

    private IRenderedComponent<ToolPalette> RenderPalette(string tool, int? active, Action<string>? onTool = null, Action<int?>? onClass = null) =>
        Render<ToolPalette>(p => p
            .Add(x => x.Tool, tool)
            .Add(x => x.Schema, Schema)
            .Add(x => x.ActiveClassId, active)
            .Add(x => x.ToolChanged, t => onTool?.Invoke(t))
            .Add(x => x.ActiveClassIdChanged, c => onClass?.Invoke(c)));

    [Fact]
    public void ShowsEveryToolWithItsKey_AndMarksTheCurrentOne()
    {
        var palette = RenderPalette("box", 1);
        Assert.Equal("true", palette.Find("[data-testid=tool-box]").GetAttribute("aria-pressed"));
        Assert.Equal("false", palette.Find("[data-testid=tool-polygon]").GetAttribute("aria-pressed"));
        Assert.Equal("true", palette.Find("[data-testid=class-1]").GetAttribute("aria-pressed"));
        Assert.Contains("Logo", palette.Find("[data-testid=class-3]").TextContent);
        Assert.Contains("3", palette.Find("[data-testid=class-3] kbd").TextContent);
    }

    [Fact]
    public void ClickingATool_RaisesToolChanged()
    {
        string? chosen = null;
        var palette = RenderPalette("select", 1, onTool: t => chosen = t);
        palette.Find("[data-testid=tool-polygon]").Click();
        Assert.Equal("polygon", chosen);
    }

    [Fact]
    public void ClickingAClass_RaisesActiveClassIdChanged()
    {
        int? chosen = null;
        var palette = RenderPalette("box", 1, onClass: c => chosen = c);
        palette.Find("[data-testid=class-3]").Click();
        Assert.Equal(3, chosen);
    }

    [Fact]
    public void ClassesThatDoNotAllowTheToolsShape_AreDisabled()
    {
        var palette = RenderPalette("polygon", 1);
        Assert.Contains("mud-disabled", palette.Find("[data-testid=class-3]").ClassName);
        Assert.DoesNotContain("mud-disabled", palette.Find("[data-testid=class-1]").ClassName);
    }
}
