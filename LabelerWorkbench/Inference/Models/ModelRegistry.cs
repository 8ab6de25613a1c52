using System.Collections.Concurrent;
using System.Security.Cryptography;
using LabelerWorkbench.Data;
using Microsoft.ML.OnnxRuntime;

namespace LabelerWorkbench.Inference.Models;

/// <summary>A model the registry knows, with the reason it cannot be used if it cannot.</summary>
public sealed record ModelStatus(ModelManifest Manifest, string? Error);

/// <summary>
/// The models this server can run: the shipped ones in <c>assets/models</c> and any a user adds in
/// <c>DataDirectory/models</c> (a manifest JSON plus its files). Each model is loaded once per process
/// into one <see cref="InferenceSession"/> (thread-safe for concurrent <c>Run</c>), after its SHA-256
/// is checked against the manifest.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<(InferenceSession? Session, string? Error)>> sessions = new();
    readonly ILogger<ModelRegistry> log;

    /// <summary>The shipped models, then the user's (which override shipped ones of the same name).</summary>
    public static IEnumerable<string> DefaultFolders(DataPaths paths) =>
        [Path.Combine(paths.Assets, "models"), Path.Combine(paths.DataDirectory, "models")];

    readonly OnnxThreading threading;

    public ModelRegistry(IEnumerable<string> folders, ILogger<ModelRegistry> log, OnnxThreading? threading = null)
    {
        this.log = log;
        this.threading = threading ?? OnnxThreading.Default;
        var found = new List<ModelStatus>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            // A recogniser's fitted confidence (name.calibration.json) sits beside its manifest but is not one.
            foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".calibration.json", StringComparison.Ordinal)).Order())
            {
                try { found.Add(new ModelStatus(ModelManifest.Read(file), null)); }
                catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or IOException)
                {
                    log.LogError("Model manifest {File} is unusable: {Reason}", file, ex.Message);
                }
            }
        }
        // A later folder (the user's) overrides a shipped model of the same name.
        Models = found.GroupBy(m => m.Manifest.Name).Select(g => g.Last()).ToList();
    }

    public IReadOnlyList<ModelStatus> Models { get; }

    public OnnxThreading Threading => threading;

    public ModelManifest? Find(string name) => Models.FirstOrDefault(m => m.Manifest.Name == name)?.Manifest;

    public ModelManifest? FirstOfKind(string kind) => Models.FirstOrDefault(m => m.Manifest.Kind == kind)?.Manifest;

    /// <summary>The model's session, or why it cannot be loaded (missing file, wrong checksum, not ONNX).</summary>
    public (InferenceSession? Session, string? Error) Session(ModelManifest manifest) =>
        sessions.GetOrAdd(manifest.Name, _ => new(() => Load(manifest))).Value;

    (InferenceSession?, string?) Load(ModelManifest m)
    {
        var error = Verify(m.ModelPath, m.Sha256, $"model {m.Name}")
                    ?? (m.KeysPath is { } keys ? Verify(keys, m.KeysSha256, $"character list of {m.Name}") : null);
        if (error is not null)
        {
            log.LogError("{Error}", error);
            return (null, error);
        }
        try
        {
            var session = new InferenceSession(m.ModelPath, threading.ToSessionOptions());
            log.LogInformation("Loaded model {Name} ({Version})", m.Name, m.Version);
            return (session, null);
        }
        catch (OnnxRuntimeException ex)
        {
            var message = $"Model {m.Name} could not be loaded by ONNX Runtime: {ex.Message}";
            log.LogError(ex, "{Error}", message);
            return (null, message);
        }
    }

    static string? Verify(string path, string? sha256, string what)
    {
        if (!File.Exists(path)) return $"The {what} is missing: {path} does not exist.";
        if (sha256 is null) return null;
        using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        return actual == sha256.ToLowerInvariant() ? null
            : $"The {what} is corrupt or not the expected file: {path} has SHA-256 {actual}, the manifest says {sha256}.";
    }

    public void Dispose()
    {
        foreach (var lazy in sessions.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Session?.Dispose();
        }
    }
}
