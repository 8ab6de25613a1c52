using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Annotate.Canvas;
using LabelerWorkbench.Features.Annotate.Document;
using LabelerWorkbench.Features.Projects;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// The annotate page: the canvas module reports committed edits, this page applies them to the
/// <see cref="AnnotationDocument"/> (undo/redo, validation) and saves them shortly after, so a
/// closed tab or a dropped connection loses at most the last moment of work.
/// </summary>
public sealed partial class AnnotatePage
{
    [Parameter] public int TaskId { get; set; }

    [Inject] private LabelingService Labeling { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<AnnotateOptions> Options { get; set; } = default!;
    [Inject] private IOptions<Inference.PreAnnotation.PreAnnotationOptions> PreAnnotationOptions { get; set; } = default!;
    [Inject] private ILogger<AnnotatePage> Log { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private readonly SemaphoreSlim saveLock = new(1, 1);
    private CancellationTokenSource? pendingSave;
    private TaskSession? session;
    private AnnotationDocument? doc;
    private AnnotationCanvas? canvas;
    private string userId = "";
    private string? loadError;
    private string tool = "select";
    private int? activeClassId;
    private Guid? selectedId;
    private SaveState saveState = SaveState.Saved;
    private string? saveError;
    private bool leaseLost, busy, showInstructions;
    private IReadOnlyList<string> submitProblems = [];

    private static readonly double[] AcceptThresholds = [0.7, 0.8, 0.9, 0.95];
    private double acceptThreshold = 0.9;

    private string ImageUrl => $"/api/images/{session!.ImageSha256}";
    private int PendingCount => doc?.Regions.Count(r => r.Pending) ?? 0;
    private double LowConfidence => PreAnnotationOptions.Value.LowConfidence;

    protected override async Task OnParametersSetAsync()
    {
        if (session?.TaskId == TaskId) return;
        await FlushAsync();
        userId = (await AuthState).User.Id();
        (session, loadError) = await Labeling.OpenAsync(TaskId, userId);
        doc = session is null ? null : new AnnotationDocument(session.Regions);
        activeClassId = session?.Schema.Classes.FirstOrDefault()?.Id;
        (selectedId, submitProblems, leaseLost, saveState, saveError) = (null, [], false, SaveState.Saved, null);
    }

    // ---- edits from the canvas and the region list -------------------------------------

    private async Task OnCommittedAsync(RegionDto dto)
    {
        var existing = doc!.Find(dto.Id);
        var (parsed, error) = dto.ToRegion(existing, userId);
        // The canvas owns geometry only; class and text of an existing region come from the document.
        var region = parsed is null ? null
            : existing is null ? parsed with { ClassId = activeClassId is { } c && session!.Schema.Find(c)?.Allows(parsed.Kind) == true ? c : null }
            : existing with { Points = parsed.Points, Pending = false };
        error ??= RegionRules.CheckEdit(region!, session!.Width, session.Height, session.Schema);
        if (error is not null)
        {
            Snackbar.Add(error, Severity.Warning);
            await canvas!.ApplyChangesAsync(existing is null ? [] : [existing], existing is null ? [dto.Id] : []);
            return;
        }
        doc.Upsert(region!);
        Changed();
        if (existing is null)
        {
            selectedId = region!.Id;
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
        var accepted = doc!.Apply(doc.Regions
            .Where(r => r.Pending && (r.Provenance.Confidence ?? 0) >= threshold)
            .Select(r => (r.Id, (RegionData?)(r with { Pending = false }))).ToList());
        if (accepted.Count == 0)
        {
            Snackbar.Add($"No pending suggestion is at or above {threshold:P0}.", Severity.Info);
            return;
        }
        Changed();
        Snackbar.Add($"Accepted {accepted.Count} suggestion{(accepted.Count == 1 ? "" : "s")}.", Severity.Success);
        await canvas!.ApplyChangesAsync(accepted.Select(c => c.After!), []);
    }

    /// <summary>An edit made in .NET (text, class): checked, recorded for undo, shown on the canvas.</summary>
    private async Task EditRegionAsync(Guid id, Func<RegionData, RegionData> edit, bool coalesce = false)
    {
        if (doc!.Find(id) is not { } r) return;
        var edited = edit(r);
        if (RegionRules.CheckEdit(edited, session!.Width, session.Height, session.Schema) is { } error)
        {
            Snackbar.Add(error, Severity.Warning);
            return;
        }
        if (doc.Upsert(edited, coalesce) is null) return;
        Changed();
        await canvas!.ApplyChangesAsync([edited], []);
    }

    private async Task DeleteAsync(Guid id)
    {
        if (doc!.Delete(id) is null) return;
        if (selectedId == id) selectedId = null;
        Changed();
        await canvas!.ApplyChangesAsync([], [id]);
    }

    private async Task UndoAsync() => await ShowAsync(doc!.Undo());
    private async Task RedoAsync() => await ShowAsync(doc!.Redo());

    private async Task ShowAsync(IReadOnlyList<RegionChange> changes)
    {
        if (changes.Count == 0) return;
        if (selectedId is { } id && doc!.Find(id) is null) selectedId = null;
        Changed();
        await canvas!.ApplyChangesAsync(
            changes.Where(c => c.After is not null).Select(c => c.After!),
            changes.Where(c => c.After is null).Select(c => c.Id));
    }

    private void OnCanvasSelection(Guid? id) => selectedId = id;

    private async Task SelectFromListAsync(Guid? id)
    {
        selectedId = id;
        await canvas!.SelectAsync(id, reveal: true);
    }

    private async Task SetToolAsync(string value)
    {
        tool = value;
        await canvas!.SetToolAsync(value);
    }

    /// <summary>Picks the class for new regions; with a region selected, also gives it that class (as in CVAT).</summary>
    private async Task SetActiveClassAsync(int? classId)
    {
        activeClassId = classId;
        await canvas!.SetActiveClassAsync(classId);
        if (selectedId is { } id && doc!.Find(id) is { } r && session!.Schema.Find(classId)?.Allows(r.Kind) == true)
            await SetRegionClassAsync((id, classId));
    }

    private async Task OnCommandAsync(string command)
    {
        switch (command)
        {
            case "undo": await UndoAsync(); break;
            case "redo": await RedoAsync(); break;
            case var t when t.StartsWith("tool:"): tool = t[5..]; break;
            case var c when c.StartsWith("class:") && int.TryParse(c[6..], out var classId):
                await SetActiveClassAsync(classId);
                break;
        }
    }

    // ---- saving ------------------------------------------------------------------------

    /// <summary>
    /// Marks the work unsaved and saves it after a short pause, coalescing quick edits into one write.
    /// Called right after the document changes and before any await, so no render shows "Saved" for unsaved work.
    /// </summary>
    private void Changed()
    {
        submitProblems = [];
        if (leaseLost) return;
        saveState = SaveState.Dirty;
        pendingSave?.Cancel();
        var cts = pendingSave = new CancellationTokenSource();
        _ = Task.Delay(Options.Value.AutosaveDelayMs, cts.Token).ContinueWith(
            t => t.IsCanceled ? Task.CompletedTask : InvokeAsync(SaveNowAsync),
            TaskScheduler.Default);
    }

    private async Task SaveNowAsync()
    {
        if (doc is null || session is null) return;
        await saveLock.WaitAsync();
        try
        {
            if (!doc.HasUnsavedChanges) return;
            var (upserts, deletes) = doc.TakeUnsaved();
            saveState = SaveState.Saving;
            SaveResult result;
            try
            {
                result = await Labeling.SaveDraftAsync(session.TaskId, userId, upserts, deletes);
            }
            catch (Exception ex)
            {
                Log.LogError(ex, "Saving task {Task} failed", session.TaskId);
                result = new SaveResult(false, "The server could not save just now; retrying.");
            }
            if (result.Ok)
            {
                saveState = doc.HasUnsavedChanges ? SaveState.Dirty : SaveState.Saved;
                saveError = null;
            }
            else
            {
                doc.MarkUnsaved(upserts.Select(r => r.Id).Concat(deletes));
                saveState = SaveState.Failed;
                saveError = result.Error;
                leaseLost = result.LeaseLost;
                if (!leaseLost) _ = RetryLaterAsync();
            }
        }
        finally
        {
            saveLock.Release();
        }
        try { StateHasChanged(); } catch (ObjectDisposedException) { }
    }

    private async Task RetryLaterAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        await InvokeAsync(SaveNowAsync);
    }

    /// <summary>Saves whatever is pending now (before submit, on leaving the task, on disposal).</summary>
    private async Task FlushAsync()
    {
        pendingSave?.Cancel();
        await SaveNowAsync();
    }

    private async Task SubmitAsync()
    {
        busy = true;
        try
        {
            await FlushAsync();
            if (doc!.HasUnsavedChanges)
            {
                submitProblems = [$"Your latest edits are not saved yet ({saveError}); try again in a moment."];
                return;
            }
            var result = await Labeling.SubmitAsync(session!.TaskId, userId);
            if (!result.Ok)
            {
                submitProblems = result.Problems;
                return;
            }
            Snackbar.Add($"Submitted {session.FileName} (revision {result.RevisionNumber}).", Severity.Success);
            var next = await Labeling.LeaseNextAsync(session.ProjectId, userId);
            Navigation.NavigateTo(next is { } id ? $"/annotate/{id}" : $"/queue?finished={session.ProjectId}");
        }
        finally
        {
            busy = false;
        }
    }

    private async Task HandBackAsync()
    {
        busy = true;
        try
        {
            await FlushAsync();
            if (await Labeling.ReleaseAsync(session!.TaskId, userId) is { } error) Snackbar.Add(error, Severity.Warning);
            else Navigation.NavigateTo("/queue");
        }
        finally { busy = false; }
    }

    private static readonly (string Keys, string What)[] Shortcuts =
    [
        ("V / B / P", "select, box, polygon"),
        ("1–9, letters", "class (also re-labels the selected region)"),
        ("Enter", "finish the polygon (or click its first vertex)"),
        ("Esc", "cancel drawing, deselect"),
        ("Del / Backspace", "delete the selected vertex or region; while drawing, the last vertex"),
        ("Alt+click", "delete a vertex"),
        ("Drag an edge's dot", "insert a vertex"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
        ("Wheel", "zoom at the pointer"),
        ("Space+drag, middle drag", "pan"),
        ("F, +, −", "fit, zoom in, zoom out"),
    ];

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        pendingSave?.Dispose();
    }
}
