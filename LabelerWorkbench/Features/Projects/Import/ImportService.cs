using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace LabelerWorkbench.Features.Projects.Import;

/// <summary><see cref="Busy"/>: the decode budget was full; the same file can be sent again in a few seconds.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ImportOutcome>))]
public enum ImportOutcome { Imported, AlreadyInProject, Refused, Busy }

public sealed record ImportFileResult(string FileName, ImportOutcome Outcome, string Message, int? TaskId = null);

/// <summary>
/// Turns files into tasks, one file at a time, so that a bad file is refused with its reason
/// and the rest of the batch goes on.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<WorkbenchDb> dbFactory,
    BlobStore blobs,
    DataPaths paths,
    IOptions<ImportOptions> options,
    IOptions<Inference.PreAnnotation.PreAnnotationOptions> preAnnotation,
    Inference.PreAnnotation.IPreAnnotationQueue preAnnotationQueue,
    TimeProvider time,
    ILogger<ImportService> log,
    DecodeBudget decodeBudget)
{
    public ImportOptions Options => options.Value;

    /// <param name="callbackUrl">Where to POST the task's result when it is completed (already checked by the caller).</param>
    public async Task<ImportFileResult> ImportAsync(int projectId, string fileName, Stream content, CancellationToken ct = default, string? callbackUrl = null)
    {
        var name = CleanFileName(fileName);
        try
        {
            // On disk, not in memory: a file up to Import:MaxFileBytes is checked through a mapping of the file.
            using var staged = await blobs.StageAsync(content, options.Value.MaxFileBytes, ct);
            if (staged is null)
                return new(name, ImportOutcome.Refused, options.Value.FileTooLargeMessage);
            if (staged.Length == 0) return new(name, ImportOutcome.Refused, "The file is empty.");

            // The header alone gives the size; the pixels are decoded only within the process-wide budget.
            AdmissionResult admission;
            using (var data = SKData.Create(staged.Path))
                admission = await ImageAdmission.CheckAsync(data, options.Value.MaxPixels, decodeBudget, ct);
            if (admission.Facts is not { } facts) return new(name, admission.Busy ? ImportOutcome.Busy : ImportOutcome.Refused, admission.Error!);

            blobs.Commit(staged, facts.Sha256);
            return await AddTaskAsync(projectId, name, facts, staged.Length, callbackUrl, ct);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception ex)
        {
            log.LogError(ex, "Import of {File} into project {Project} failed", name, projectId);
            // The exception's text can name server paths: it goes to the log only.
            return new(name, ImportOutcome.Refused, "Could not be imported because of a server error; the server log has the details.");
        }
    }

    async Task<ImportFileResult> AddTaskAsync(int projectId, string name, ImageFacts facts, long size, string? callbackUrl, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct))
            return new(name, ImportOutcome.Refused, "The project does not exist.");
        var existing = await db.Tasks.Where(t => t.ProjectId == projectId && t.ImageSha256 == facts.Sha256)
            .Select(t => new { t.Id, t.FileName }).FirstOrDefaultAsync(ct);
        if (existing is not null)
            return new(name, ImportOutcome.AlreadyInProject, $"Same image as '{existing.FileName}', already in this project.", existing.Id);

        var now = time.GetUtcNow().UtcDateTime;
        var preAnnotate = preAnnotation.Value.Enabled && await db.Projects.AnyAsync(p => p.Id == projectId && p.PreAnnotate, ct);
        if (await db.Images.FindAsync([facts.Sha256], ct) is null)
            db.Images.Add(new StoredImage
            {
                Sha256 = facts.Sha256, Width = facts.Width, Height = facts.Height,
                ByteSize = size, ContentType = facts.ContentType, StoredAt = now,
            });
        // Queued from the start: no labeler can take the task before the models have read it.
        var task = new LabelTask
        {
            ProjectId = projectId, ImageSha256 = facts.Sha256, FileName = name, CreatedAt = now, CallbackUrl = callbackUrl,
            PreAnnotation = preAnnotate ? PreAnnotationState.Queued : PreAnnotationState.NotRequested,
        };
        db.Tasks.Add(task);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same image arrived twice at once (two uploads racing): the unique index kept one.
            if (await IsAlreadyImported(projectId, facts.Sha256, ct))
                return new(name, ImportOutcome.AlreadyInProject, "The same image is already in this project.");
            throw;
        }
        if (preAnnotate) await preAnnotationQueue.EnqueueAsync([task.Id], ct);
        return new(name, ImportOutcome.Imported, $"{facts.Width}×{facts.Height}", task.Id);
    }

    async Task<bool> IsAlreadyImported(int projectId, string sha, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tasks.AnyAsync(t => t.ProjectId == projectId && t.ImageSha256 == sha, ct);
    }

    /// <summary>The folders a lead may import from, absolute.</summary>
    public IReadOnlyList<string> AllowedFolders =>
        (options.Value.AllowedFolders.Count > 0 ? options.Value.AllowedFolders : [Path.Combine(paths.DataDirectory, "import")])
        .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToList();

    /// <summary>The server folders a lead may import from, with their rules.</summary>
    public ServerFolders Folders => new(AllowedFolders);

    /// <summary>The image files a server path names (a folder, recursively, or one file), or why it cannot be used.</summary>
    public (IReadOnlyList<string> Files, string? Error) ListFolder(string folder) => Folders.List(folder);

    /// <summary>Imports the files of an upload one by one; a file over the size limit is refused alone.</summary>
    public async Task<List<ImportFileResult>> ImportUploadAsync(int projectId, MultipartUpload upload, CancellationToken ct = default, string? callbackUrl = null)
    {
        var results = new List<ImportFileResult>();
        foreach (var file in upload.Files)
        {
            if (file.TooLarge)
            {
                results.Add(new(CleanFileName(file.FileName), ImportOutcome.Refused, options.Value.FileTooLargeMessage));
                continue;
            }
            await using var stream = File.OpenRead(file.TempPath!);
            results.Add(await ImportAsync(projectId, file.FileName, stream, ct, callbackUrl));
        }
        return results;
    }

    /// <summary>Imports one file listed by <see cref="ListFolder"/>, checking again that it is still inside.</summary>
    public async Task<ImportFileResult> ImportServerFileAsync(int projectId, string path, CancellationToken ct = default, string? callbackUrl = null)
    {
        var name = CleanFileName(Path.GetFileName(path));
        FileStream? stream;
        try { stream = Folders.OpenRead(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(ex, "Server file {Path} could not be opened", path);
            return new(name, ImportOutcome.Refused, "The file could not be read.");
        }
        if (stream is null) return new(name, ImportOutcome.Refused, "The file no longer lies inside the allowed import folders.");
        await using (stream) return await ImportAsync(projectId, name, stream, ct, callbackUrl);
    }

    /// <summary>A display name: no folders, no control or bidi characters (which can disguise an extension), bounded length.</summary>
    public static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(SafeText.WithoutHiddenFormat(fileName).Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('\u2028' or '\u2029')).ToArray()).Trim();
        if (name.Length > 200) name = name[..200];
        return name.Length == 0 ? "unnamed" : name;
    }
}
