using LabelerWorkbench.Features.Editor;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// The annotate page: the <see cref="RegionEditor"/> applies edits to the <see cref="AnnotationDocument"/>,
/// and this page saves them shortly after, so a closed tab or a dropped connection loses at most the last
/// moment of work.
/// </summary>
public sealed partial class AnnotatePage
{
    [Parameter] public int TaskId { get; set; }

    [Inject] private LabelingService Labeling { get; set; } = default!;
    [Inject] private TaskWriteGate Gate { get; set; } = default!;
    [Inject] private Quality.Training.TrainingService Training { get; set; } = default!;
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
    private RegionEditor? editor;
    private string userId = "";
    private string? loadError;
    private SaveState saveState = SaveState.Saved;
    private string? saveError;
    private bool leaseLost, busy, showInstructions;
    private IReadOnlyList<string> submitProblems = [];

    private string ImageUrl => $"/api/images/{session!.ImageSha256}";
    private Guid? selectedId;

    private double LowConfidence => PreAnnotationOptions.Value.LowConfidence;

    protected override async Task OnParametersSetAsync()
    {
        if (session?.TaskId == TaskId) return;
        await FlushAsync();
        userId = (await AuthState).User.Id();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        (session, loadError) = await Labeling.OpenAsync(TaskId, userId);
        doc = session is null ? null : new AnnotationDocument(session.Regions);
        // The page's load budget at thousands of regions is mostly this read and the first render (README, Numbers).
        Log.LogInformation("Opened task {Task} with {Regions} regions in {Ms:F0} ms", TaskId, doc?.Regions.Count ?? 0,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        (submitProblems, leaseLost, saveState, saveError) = ([], false, SaveState.Saved, null);
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
            var order = doc.TakeOrder();
            saveState = SaveState.Saving;
            SaveResult result;
            try
            {
                // The same gate as the API's: a second tab or a script saving this task waits its turn.
                using (await Gate.EnterAsync(session.TaskId))
                    result = await Labeling.SaveDraftAsync(session.TaskId, userId, upserts, deletes, order);
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
                if (order is not null) doc.MarkOrderUnsaved();
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
            var name = session.FileName.Length > 60 ? session.FileName[..57] + "…" : session.FileName;
            Snackbar.Add($"Submitted {name} (revision {result.RevisionNumber}).", Severity.Success);
            var next = await Labeling.LeaseNextAsync(session.ProjectId, userId);
            var trainingFirst = next is null && (await Training.OpenAsync(userId, session.ProjectId)).Any(a => a.Mode == TrainingMode.MustComplete);
            Navigation.NavigateTo(next is { } id ? $"/annotate/{id}" : trainingFirst ? "/queue" : $"/queue?finished={session.ProjectId}");
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

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        pendingSave?.Dispose();
    }
}
