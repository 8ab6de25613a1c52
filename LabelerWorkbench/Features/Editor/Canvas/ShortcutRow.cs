namespace LabelerWorkbench.Features.Editor.Canvas;

/// <summary>One line of the shortcut overlay: the keys (or gesture) and what they do.</summary>
public sealed record ShortcutRow(string Keys, string What);
