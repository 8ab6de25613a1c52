using System.Text.RegularExpressions;
using LabelerWorkbench.Features.Editor.Canvas;

namespace LabelerWorkbench.Tests.Features.Editor;

/// <summary>The canvas module and .NET name tools and commands alike.</summary>
public class EditorCommandTests
{
    static Dictionary<string, string> JsConstants(string objectName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "LabelerWorkbench.sln"))) dir = dir.Parent;
        var js = File.ReadAllText(Path.Combine(dir.FullName, "LabelerWorkbench", "wwwroot", "editor", "commands.js"));
        var body = Regex.Match(js, $@"export const {objectName} = Object\.freeze\(\{{([^}}]*)\}}\)").Groups[1].Value;
        return Regex.Matches(body, @"(\w+):\s*""([^""]*)""").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Fact]
    public void TheCanvasModule_AndDotNet_UseTheSameNames()
    {
        Assert.Equal(new Dictionary<string, string>
        {
            ["Undo"] = EditorCommand.Undo, ["Redo"] = EditorCommand.Redo, ["Tool"] = EditorCommand.Tool, ["Class"] = EditorCommand.Class,
            ["Help"] = EditorCommand.Help, ["Hide"] = EditorCommand.Hide, ["Lock"] = EditorCommand.Lock, ["Labels"] = EditorCommand.Labels,
        }, JsConstants("Commands"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Select"] = EditorCommand.Tools.Select, ["Box"] = EditorCommand.Tools.Box, ["Polygon"] = EditorCommand.Tools.Polygon,
        }, JsConstants("Tools"));
    }
}
