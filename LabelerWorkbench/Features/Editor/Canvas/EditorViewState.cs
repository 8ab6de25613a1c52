namespace LabelerWorkbench.Features.Editor.Canvas;

/// <summary>
/// How this browser shows the regions, not part of the work: hidden and locked regions and classes, class names on
/// the shapes. Kept by the editor for the page's life and, where the page gives a storage key, per task in this
/// browser's localStorage (<c>wwwroot/editor/viewStore.js</c>); never saved on the server.
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

    /// <summary>Takes the state kept in this browser for the task, replacing what was shown.</summary>
    public void Restore(SavedView saved)
    {
        Replace(HiddenRegions, saved.Hidden);
        Replace(LockedRegions, saved.Locked);
        Replace(HiddenClasses, saved.HiddenClasses);
        Replace(LockedClasses, saved.LockedClasses);
        ShowLabels = saved.ShowLabels;
    }

    private static void Replace<T>(HashSet<T> set, T[]? items)
    {
        set.Clear();
        set.UnionWith(items ?? []);
    }

    internal object ToWire() => new
    {
        hidden = HiddenRegions, locked = LockedRegions, hiddenClasses = HiddenClasses, lockedClasses = LockedClasses, showLabels = ShowLabels,
    };
}

/// <summary>The view state as the canvas module read it from localStorage (already checked for shape there).</summary>
public sealed record SavedView(Guid[]? Hidden, Guid[]? Locked, int[]? HiddenClasses, int[]? LockedClasses, bool ShowLabels);
