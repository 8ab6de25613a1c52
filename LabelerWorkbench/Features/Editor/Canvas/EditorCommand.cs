namespace LabelerWorkbench.Features.Editor.Canvas;

/// <summary>
/// A command the canvas sends from the keyboard: undo, redo, pick a tool or a class, show the shortcuts, hide or lock
/// the selected region, show class names. The names are the same as the
/// canvas module's <c>Commands</c> and <c>Tools</c> (wwwroot/editor/commands.js); a test compares the two.
/// </summary>
public sealed record EditorCommand(string Name, string? Value = null)
{
    public const string Undo = "undo", Redo = "redo", Tool = "tool", Class = "class",
        Help = "help", Hide = "hide", Lock = "lock", Labels = "labels";

    /// <summary>The drawing tools, by the names the canvas uses.</summary>
    public static class Tools
    {
        public const string Select = "select", Box = "box", Polygon = "polygon";
        public static readonly IReadOnlyList<string> All = [Select, Box, Polygon];
    }
}
