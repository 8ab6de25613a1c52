using LabelerWorkbench.Features.Editor.Canvas;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LabelerWorkbench.Features.Editor;

/// <summary>
/// Applies the canvas's committed edits and the region list's edits to an <see cref="AnnotationDocument"/>
/// (validation, undo/redo) and tells the host page after every change. The host decides what a change means:
/// the annotate page saves it, the review page re-derives the fixes, the practice page just keeps it.
/// </summary>
public sealed partial class RegionEditor : IHandleEvent
{
    [Parameter, EditorRequired] public required AnnotationDocument Document { get; set; }
    [Parameter, EditorRequired] public required LabelSchema Schema { get; set; }
    [Parameter, EditorRequired] public required string ImageUrl { get; set; }
    [Parameter, EditorRequired] public required int ImageWidth { get; set; }
    [Parameter, EditorRequired] public required int ImageHeight { get; set; }
    /// <summary>Who new regions are attributed to.</summary>
    [Parameter, EditorRequired] public required string UserId { get; set; }
    /// <summary>A new key starts a fresh canvas (a different task).</summary>
    [Parameter] public object? EditorKey { get; set; }
    /// <summary>Where new and edited regions come from (labeler, reviewer).</summary>
    [Parameter] public RegionSource Source { get; set; } = RegionSource.Labeler;
    /// <summary>What the models proposed, by region id; none on pages without model suggestions (review, practice).</summary>
    [Parameter] public IReadOnlyDictionary<Guid, SuggestedText> Suggestions { get; set; } = NoSuggestions;
    [Parameter] public double LowConfidence { get; set; } = 0.8;
    /// <summary>Where this browser keeps the task's hidden, locked and class-name view; null (the default) keeps none.</summary>
    [Parameter] public string? ViewStorageKey { get; set; }
    /// <summary>Called right after the document changed, before anything is awaited.</summary>
    [Parameter] public Action? Changed { get; set; }
    [Parameter] public RenderFragment? ToolbarStart { get; set; }
    [Parameter] public RenderFragment? ToolbarEnd { get; set; }
    [Parameter] public RenderFragment? Banner { get; set; }
    [Parameter] public RenderFragment? SideTop { get; set; }
    [Parameter] public EventCallback<Guid?> SelectedIdChanged { get; set; }

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static readonly IReadOnlyDictionary<Guid, SuggestedText> NoSuggestions = new Dictionary<Guid, SuggestedText>();

    private AnnotationCanvas? canvas;
    private string tool = EditorCommand.Tools.Select;
    private int? activeClassId;
    private Guid? selectedId;
    private object? shownKey;
    private static readonly double[] AcceptThresholds = [0.7, 0.8, 0.9, 0.95];
    private double acceptThreshold = 0.9;
    private readonly EditorViewState view = new();
    /// <summary>At most this many lines are merged at once (a guard on what the canvas may send).</summary>
    private const int MaxMerged = 200;
    private bool shortcutsOpen;
    private ShortcutRow[] shortcuts = [];

    public Guid? SelectedId => selectedId;

    /// <summary>
    /// One render per event, once it is done. ComponentBase also renders at the handler's first await (nearly every
    /// handler awaits the canvas), which at 3,000 regions doubled the work of each click and key.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        await callback.InvokeAsync(arg);
        StateHasChanged();
    }
    private int PendingCount => Document.Regions.Count(r => r.Pending);

    protected override void OnParametersSet()
    {
        if (Equals(shownKey, EditorKey) && shownKey is not null) return;
        shownKey = EditorKey;
        activeClassId = Schema.Classes.FirstOrDefault()?.Id;
        selectedId = null;
        // Per-region view state belongs to one task's regions; class toggles and names carry over to the next task.
        view.HiddenRegions.Clear();
        view.LockedRegions.Clear();
    }

    private async Task OnCommittedAsync(RegionDto dto)
    {
        var existing = Document.Find(dto.Id);
        var (parsed, error) = dto.ToRegion(existing, UserId);
        // The canvas owns geometry only; class and text of an existing region come from the document.
        var region = parsed is null ? null
            : existing is null ? parsed with
            {
                ClassId = activeClassId is { } c && Schema.Find(c)?.Allows(parsed.Kind) == true ? c : null,
                Provenance = parsed.Provenance with { Source = Source },
            }
            : existing with { Points = parsed.Points, Pending = false };
        error ??= RegionRules.CheckEdit(region!, ImageWidth, ImageHeight, Schema);
        if (error is not null)
        {
            Snackbar.Add(error, Severity.Warning);
            await canvas!.ApplyChangesAsync(existing is null ? [] : [existing], existing is null ? [dto.Id] : []);
            return;
        }
        Document.Upsert(region!);
        Changed?.Invoke();
        if (existing is null)
        {
            await SelectAsync(region!.Id);
            if (region.ClassId is null)
                Snackbar.Add("The active class does not allow this shape; choose a class for the new region.", Severity.Info);
            await canvas!.ApplyChangesAsync([region], []);
        }
    }

    private Task SetTranscriptionAsync((Guid Id, string Text) change) =>
        EditRegionAsync(change.Id, r => r with { Transcription = change.Text ?? "", Pending = false }, coalesce: true);

    private Task SetRegionClassAsync((Guid Id, int? ClassId) change) =>
        EditRegionAsync(change.Id, r => r with { ClassId = change.ClassId, Pending = false });

    /// <summary>Takes a model suggestion as it is.</summary>
    private Task AcceptAsync(Guid id) => EditRegionAsync(id, r => r with { Pending = false });

    /// <summary>Accepts every pending suggestion whose confidence reaches the threshold, as one undo step.</summary>
    private async Task AcceptAllAboveAsync(double threshold)
    {
        var accepted = Document.Apply(Document.Regions
            .Where(r => r.Pending && (r.Provenance.Confidence ?? 0) >= threshold)
            .Select(r => (r.Id, (RegionData?)(r with { Pending = false }))).ToList());
        if (accepted.Count == 0)
        {
            Snackbar.Add($"No pending suggestion is at or above {threshold:P0}.", Severity.Info);
            return;
        }
        Changed?.Invoke();
        Snackbar.Add($"Accepted {accepted.Count} suggestion{(accepted.Count == 1 ? "" : "s")}.", Severity.Success);
        await canvas!.ApplyChangesAsync(accepted.Select(c => c.After!), []);
    }

    /// <summary>An edit made in .NET (text, class): checked, recorded for undo, shown on the canvas.</summary>
    private async Task EditRegionAsync(Guid id, Func<RegionData, RegionData> edit, bool coalesce = false)
    {
        if (Document.Find(id) is not { } r) return;
        var edited = edit(r);
        if (RegionRules.CheckEdit(edited, ImageWidth, ImageHeight, Schema) is { } error)
        {
            Snackbar.Add(error, Severity.Warning);
            return;
        }
        if (Document.Upsert(edited, coalesce) is null) return;
        Changed?.Invoke();
        await canvas!.ApplyChangesAsync([edited], []);
    }

    /// <summary>Adds a region from outside the editor (a reviewer taking a region only some replicas drew): one undo step, selected.</summary>
    public async Task AddAsync(RegionData region)
    {
        if (RegionRules.CheckEdit(region, ImageWidth, ImageHeight, Schema) is { } error)
        {
            Snackbar.Add(error, Severity.Warning);
            return;
        }
        if (Document.Find(region.Id) is not null || Document.Upsert(region) is null) return;
        Changed?.Invoke();
        await canvas!.ApplyChangesAsync([region], []);
        await SelectFromListAsync(region.Id);
    }

    public async Task DeleteAsync(Guid id)
    {
        if (Document.Delete(id) is null) return;
        if (selectedId == id) await SelectAsync(null);
        Changed?.Invoke();
        await canvas!.ApplyChangesAsync([], [id]);
    }

    private async Task UndoAsync() => await ShowAsync(Document.Undo());
    private async Task RedoAsync() => await ShowAsync(Document.Redo());

    private async Task ShowAsync(IReadOnlyList<RegionChange> changes)
    {
        if (changes.Count == 0) return;
        if (selectedId is { } id && Document.Find(id) is null) await SelectAsync(null);
        Changed?.Invoke();
        await canvas!.ApplyChangesAsync(
            changes.Where(c => c.After is not null).Select(c => c.After!),
            changes.Where(c => c.After is null).Select(c => c.Id));
    }

    private Task OnCanvasSelection(Guid? id) => SelectAsync(id);

    private async Task SelectAsync(Guid? id)
    {
        selectedId = id;
        await SelectedIdChanged.InvokeAsync(id);
    }

    /// <summary>Selects a region (from a list outside the editor too) and brings it into view.</summary>
    public async Task SelectFromListAsync(Guid? id)
    {
        await SelectAsync(id);
        await canvas!.SelectAsync(id, reveal: true);
        StateHasChanged();
    }

    private async Task SetToolAsync(string value)
    {
        tool = value;
        await canvas!.SetToolAsync(value);
    }

    /// <summary>
    /// With a region selected, gives that region the class (one undo step) and leaves the class for new regions as
    /// it was; with none selected, picks the class for new regions.
    /// </summary>
    private async Task SetActiveClassAsync(int? classId)
    {
        if (selectedId is { } id && Document.Find(id) is { } r)
        {
            if (Schema.Find(classId) is { } cls && !cls.Allows(r.Kind))
                Snackbar.Add($"{cls.Name} does not allow a {(r.Kind == GeometryKind.Box ? "box" : "polygon")}; the region keeps its class.", Severity.Info);
            else await SetRegionClassAsync((id, classId));
            return;
        }
        activeClassId = classId;
        await canvas!.SetActiveClassAsync(classId);
    }

    private async Task OnCommandAsync(EditorCommand command)
    {
        switch (command.Name)
        {
            case EditorCommand.Undo: await UndoAsync(); break;
            case EditorCommand.Redo: await RedoAsync(); break;
            case EditorCommand.Tool when EditorCommand.Tools.All.Contains(command.Value): tool = command.Value!; break;
            case EditorCommand.Class when int.TryParse(command.Value, out var classId): await SetActiveClassAsync(classId); break;
            case EditorCommand.Help: await ShowShortcutsAsync(); break;
            case EditorCommand.Hide when selectedId is { } id: await ToggleHiddenAsync(id); break;
            case EditorCommand.Lock when selectedId is { } id: await ToggleLockedAsync(id); break;
            case EditorCommand.Labels: await ToggleLabelsAsync(); break;
        }
        StateHasChanged();
    }

    // ---- view state: hidden, locked, class names (this browser only, never on the server) ----------------------------

    private Task ToggleHiddenAsync(Guid id) => ChangeViewAsync(() => EditorViewState.Toggle(view.HiddenRegions, id));
    private Task ToggleLockedAsync(Guid id) => ChangeViewAsync(() => EditorViewState.Toggle(view.LockedRegions, id));
    private Task ToggleClassHiddenAsync(int classId) => ChangeViewAsync(() => EditorViewState.Toggle(view.HiddenClasses, classId));
    private Task ToggleClassLockedAsync(int classId) => ChangeViewAsync(() => EditorViewState.Toggle(view.LockedClasses, classId));
    private Task ToggleLabelsAsync() => ChangeViewAsync(() => view.ShowLabels = !view.ShowLabels);

    private async Task ChangeViewAsync(Action change)
    {
        change();
        await canvas!.SetViewStateAsync(view);
    }

    private async Task ShowShortcutsAsync()
    {
        shortcuts = await canvas!.ShortcutsAsync();
        shortcutsOpen = true;
    }

    // ---- split and merge ----------------------------------------------------------------------------------------

    /// <summary>
    /// A split or merge from the canvas: every region checked like any edit, then applied as one undo step. A region
    /// that exists keeps its provenance; a split's new half is the labeler's and goes right after the first half.
    /// </summary>
    private async Task OnReplacedAsync((RegionDto[] Upserts, Guid[] Deletes) edit)
    {
        // Whatever the canvas sends is checked like a public endpoint's input: a split writes two regions, a merge one
        // and deletes regions that exist, never one it also writes.
        if (edit.Upserts is not { Length: > 0 and <= 2 } || edit.Upserts.Any(u => u is null) || edit.Deletes is not { Length: <= MaxMerged }
            || edit.Deletes.Any(id => Document.Find(id) is null) || edit.Deletes.Intersect(edit.Upserts.Select(u => u.Id)).Any())
            return;
        var changes = new List<(Guid, RegionData?)>();
        var insertAt = -1;
        foreach (var dto in edit.Upserts)
        {
            var existing = Document.Find(dto.Id);
            var (parsed, error) = dto.ToRegion(existing, UserId);
            var region = parsed is null ? null : existing is null ? parsed with { Provenance = parsed.Provenance with { Source = Source } } : parsed;
            error ??= RegionRules.CheckEdit(region!, ImageWidth, ImageHeight, Schema);
            if (error is not null)
            {
                Snackbar.Add(error, Severity.Warning);
                return;
            }
            if (existing is not null) insertAt = Document.IndexOf(existing.Id) + 1;
            changes.Add((region!.Id, region));
        }
        changes.AddRange(edit.Deletes.Select(id => (id, (RegionData?)null)));
        var applied = Document.Apply(changes, insertAt);
        if (applied.Count == 0) return;
        Changed?.Invoke();
        await canvas!.ApplyChangesAsync(applied.Where(c => c.After is not null).Select(c => c.After!), applied.Where(c => c.After is null).Select(c => c.Id));
        await SelectFromListAsync(edit.Upserts[0].Id);
    }
}
