namespace LabelerWorkbench.Features.Editor.Canvas;

/// <summary>
/// How this browser shows the regions, not part of the work: hidden and locked regions and classes, class names on
/// the shapes. Kept by the editor for the page's life (the class toggles and names also in localStorage), never saved.
/// </summary>
public sealed class EditorViewState
{
    public HashSet<Guid> HiddenRegions { get; } = [];
    public HashSet<Guid> LockedRegions { get; } = [];
    public HashSet<int> HiddenClasses { get; } = [];
    public HashSet<int> LockedClasses { get; } = [];
    public bool ShowLabels { get; set; }

    public bool IsHidden(Guid id, int? classId) => HiddenRegions.Contains(id) || classId is { } c && HiddenClasses.Contains(c);
    public bool IsLocked(Guid id, int? classId) => LockedRegions.Contains(id) || classId is { } c && LockedClasses.Contains(c);

    /// <summary>Adds the item when absent, removes it when present.</summary>
    public static void Toggle<T>(HashSet<T> set, T item)
    {
        if (!set.Remove(item)) set.Add(item);
    }

    internal object ToWire() => new
    {
        hidden = HiddenRegions, locked = LockedRegions, hiddenClasses = HiddenClasses, lockedClasses = LockedClasses, showLabels = ShowLabels,
    };
}
