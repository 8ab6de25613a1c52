namespace LabelerWorkbench.Features.Editor.Document;

/// <summary>
/// A region's state before and after one edit; null means "does not exist". <paramref name="Index"/> is its place in
/// the list (where it was, or where it was inserted), so undoing a delete puts it back where it was, numbers unchanged.
/// </summary>
public sealed record RegionChange(Guid Id, RegionData? Before, RegionData? After, int Index = -1);

/// <summary>
/// The regions of one task while it is being labeled: applies edits, keeps undo and redo
/// across every kind of edit (geometry, class, transcription, create, delete) and remembers
/// which regions changed since the last save. Plain C#: the annotate page drives it.
/// </summary>
public sealed class AnnotationDocument
{
    const int MaxHistory = 500;
    readonly List<RegionData> _regions;
    readonly LinkedList<IReadOnlyList<RegionChange>> _undo = new();
    readonly Stack<IReadOnlyList<RegionChange>> _redo = new();
    readonly HashSet<Guid> _dirty = [];
    /// <summary>The region whose last edit may absorb the next one (typing: one undo step per burst, not per key).</summary>
    Guid? _coalescing;

    public AnnotationDocument(IEnumerable<RegionData> regions) => _regions = regions.ToList();
    bool _orderChanged;

    /// <summary>Regions in drawing order; the region list numbers them from 1 in this order.</summary>
    public IReadOnlyList<RegionData> Regions => _regions;
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;
    public bool HasUnsavedChanges => _dirty.Count > 0;

    public RegionData? Find(Guid id) => _regions.Find(r => r.Id == id);
    public int IndexOf(Guid id) => _regions.FindIndex(r => r.Id == id);

    /// <summary>Creates or replaces a region. Returns the change, or null when nothing differs.</summary>
    /// <param name="coalesce">Merge with the previous edit when that was also a coalescing edit of this region (typing).</param>
    public RegionChange? Upsert(RegionData region, bool coalesce = false)
    {
        if (coalesce && _coalescing == region.Id && _redo.Count == 0 && _undo.Last?.Value is [var previous] && previous.Id == region.Id)
        {
            _undo.RemoveLast();
            Put(region.Id, region, -1);
            if (!Same(previous.Before, region)) PushUndo([previous with { After = region }]);
            return previous with { After = region };
        }
        var change = Record([Change(region.Id, region)]).FirstOrDefault();
        _coalescing = coalesce && change is not null ? region.Id : null;
        return change;
    }

    public RegionChange? Delete(Guid id)
    {
        _coalescing = null;
        return Record([Change(id, null)]).FirstOrDefault();
    }

    /// <summary>Applies several changes as one undo step (e.g. "delete all", a split, a merge).</summary>
    /// <param name="insertAt">Where new regions go in the list (a split's second part right after the first); the end by default.</param>
    public IReadOnlyList<RegionChange> Apply(IEnumerable<(Guid Id, RegionData? After)> edits, int insertAt = -1)
    {
        _coalescing = null;
        var changes = edits.Select(e => Change(e.Id, e.After, insertAt)).ToList();
        return Record(changes);
    }

    /// <summary>Reverts the last edit; returns the regions as they now are (null = removed), for the canvas.</summary>
    public IReadOnlyList<RegionChange> Undo()
    {
        _coalescing = null;
        if (_undo.Last is not { } last) return [];
        _undo.RemoveLast();
        var step = last.Value;
        // In reverse order, so regions deleted together go back into the places they left.
        var reverted = step.Reverse().Select(c => new RegionChange(c.Id, c.After, c.Before, c.Index)).ToList();
        foreach (var c in reverted) Put(c.Id, c.After, c.Index);
        _redo.Push(step);
        return reverted;
    }

    public IReadOnlyList<RegionChange> Redo()
    {
        _coalescing = null;
        if (!_redo.TryPop(out var step)) return [];
        foreach (var c in step) Put(c.Id, c.After, c.Index);
        PushUndo(step);
        return step;
    }

    /// <summary>The regions to write and the ids to delete since the last save; clears the dirty set.</summary>
    public (IReadOnlyList<RegionData> Upserts, IReadOnlyList<Guid> Deletes) TakeUnsaved()
    {
        var upserts = new List<RegionData>();
        var deletes = new List<Guid>();
        foreach (var id in _dirty)
        {
            if (Find(id) is { } r) upserts.Add(r);
            else deletes.Add(id);
        }
        _dirty.Clear();
        return (upserts, deletes);
    }

    /// <summary>Marks regions as unsaved again after a failed save, so the next save retries them.</summary>
    public void MarkUnsaved(IEnumerable<Guid> ids) => _dirty.UnionWith(ids);

    /// <summary>
    /// Every region's id in list order when a region went in anywhere but last since the last call (a split, an
    /// undone delete), so the save can store the order the labeler sees; null when appending kept the order.
    /// </summary>
    public IReadOnlyList<Guid>? TakeOrder()
    {
        if (!_orderChanged) return null;
        _orderChanged = false;
        return _regions.Select(r => r.Id).ToList();
    }

    /// <summary>After a failed save: send the whole order again with the next one.</summary>
    public void MarkOrderUnsaved() => _orderChanged = true;

    RegionChange Change(Guid id, RegionData? after, int insertAt = -1) =>
        IndexOf(id) is var index and >= 0 ? new(id, Find(id), after, index) : new(id, null, after, insertAt);

    List<RegionChange> Record(IReadOnlyList<RegionChange> changes)
    {
        var real = changes.Where(c => !Same(c.Before, c.After)).ToList();
        if (real.Count == 0) return real;
        var placed = real.Select(c => c with { Index = Put(c.Id, c.After, c.Index) }).ToList();
        PushUndo(placed);
        _redo.Clear();
        return placed;
    }

    void PushUndo(IReadOnlyList<RegionChange> step)
    {
        _undo.AddLast(step);
        if (_undo.Count > MaxHistory) _undo.RemoveFirst();
    }

    /// <summary>Writes one region's new state; a new one goes in at <paramref name="at"/> (or last). Returns its place.</summary>
    int Put(Guid id, RegionData? after, int at)
    {
        _dirty.Add(id);
        var index = IndexOf(id);
        if (after is null)
        {
            if (index >= 0) _regions.RemoveAt(index);
            return index >= 0 ? index : at;
        }
        if (index >= 0)
        {
            _regions[index] = after;
            return index;
        }
        var place = at >= 0 && at <= _regions.Count ? at : _regions.Count;
        if (place < _regions.Count) _orderChanged = true;
        _regions.Insert(place, after);
        return place;
    }

    static bool Same(RegionData? a, RegionData? b) =>
        a is null ? b is null : b is not null && a.SameContentAs(b);
}
