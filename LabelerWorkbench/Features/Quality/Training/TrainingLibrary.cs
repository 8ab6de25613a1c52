using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Features.Quality.Training;

/// <summary>
/// The training modules: one folder per error code under <c>assets/training</c>, each with <c>module.json</c>,
/// <c>lesson.md</c> and images. A lead edits a module by copying its folder to <c>{DataDirectory}/training</c> and
/// changing it there; that copy wins. Modules are read when asked for, so an edit shows without a restart.
/// </summary>
public sealed class TrainingLibrary(DataPaths paths, ILogger<TrainingLibrary> log)
{
    public IEnumerable<string> Roots => [Path.Combine(paths.Assets, "training"), Path.Combine(paths.DataDirectory, "training")];

    public TrainingModule? For(ErrorCode code) => Load(code.Name());

    public IReadOnlyList<TrainingModule> All() => ErrorCodes.All.Select(For).OfType<TrainingModule>().ToList();

    public TrainingModule? Load(string id)
    {
        if (!ErrorCodes.TryParse(id, out var code)) return null;
        var folder = Roots.Select(r => Path.Combine(r, code.Name())).LastOrDefault(f => File.Exists(Path.Combine(f, "module.json")));
        if (folder is null)
        {
            log.LogWarning("No training module for {Code}", code.Name());
            return null;
        }
        try
        {
            var file = JsonSerializer.Deserialize<ModuleFile>(File.ReadAllText(Path.Combine(folder, "module.json")), ModuleFile.Json)
                       ?? throw new InvalidDataException("empty module.json");
            var lessonPath = Path.Combine(folder, "lesson.md");
            var lesson = File.Exists(lessonPath) ? File.ReadAllText(lessonPath) : "";
            var schema = new LabelSchema(file.Classes.Select((c, i) => new LabelClassInfo(-(i + 1), c.Name, c.Color, (i + 1).ToString(), true, true, c.Transcription)).ToList());
            return new TrainingModule(code.Name(), code, file.Title, Math.Clamp(file.PassMark, 0, 1), lesson, folder, schema, file.Practice);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException or NullReferenceException)
        {
            log.LogError(ex, "The training module in {Folder} cannot be read", folder);
            return null;
        }
    }

    /// <summary>A file of a module (an image), or null if the name would leave the module's folder.</summary>
    public string? FilePath(string moduleId, string name)
    {
        if (Load(moduleId) is not { } module) return null;
        if (name.Contains('/') || name.Contains('\\') || name.StartsWith('.')) return null;
        var path = Path.GetFullPath(Path.Combine(module.Folder, name));
        return path.StartsWith(Path.GetFullPath(module.Folder) + Path.DirectorySeparatorChar) && System.IO.File.Exists(path) ? path : null;
    }
}
