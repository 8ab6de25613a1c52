using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelerWorkbench.Inference.Models;

public static class ModelKinds
{
    public const string TextDetection = "text-detection";
    public const string TextRecognition = "text-recognition";
    /// <summary>A box detector with the YOLOv8 output layout <c>[1, 4 + classes, anchors]</c>.</summary>
    public const string BoxDetection = "box-detection";
}

/// <summary>
/// What a model file is, read from the JSON manifest beside it. A text detector may say up to which long side a
/// page is read whole (<c>maxSide</c>) and how much its tiles overlap beyond that (<c>tileOverlap</c>); see DetectionSettings.
/// </summary>
public sealed record ModelManifest(
    string Name,
    string Version,
    string Kind,
    string File,
    string Sha256,
    int InputSize,
    string? Keys = null,
    string? KeysSha256 = null,
    IReadOnlyList<string>? ClassNames = null,
    string? Source = null,
    int? MaxSide = null,
    int? TileOverlap = null,
    string? Calibration = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The folder the manifest was read from; model and key files are relative to it.</summary>
    [JsonIgnore] public string Folder { get; init; } = "";

    public string ModelPath => Path.Combine(Folder, File);
    public string? KeysPath => Keys is null ? null : Path.Combine(Folder, Keys);
    /// <summary>A recogniser's fitted line confidence (see LineConfidence), if it has one.</summary>
    public string? CalibrationPath => Calibration is null ? null : Path.Combine(Folder, Calibration);

    public static ModelManifest Read(string manifestPath)
    {
        var manifest = JsonSerializer.Deserialize<ModelManifest>(System.IO.File.ReadAllText(manifestPath), Json)
                       ?? throw new InvalidDataException($"{manifestPath} is empty.");
        if (string.IsNullOrWhiteSpace(manifest.Name) || string.IsNullOrWhiteSpace(manifest.File) || string.IsNullOrWhiteSpace(manifest.Sha256))
            throw new InvalidDataException($"{manifestPath} needs name, file and sha256.");
        // A manifest names a file beside it, never a path elsewhere on the server.
        if (Path.GetFileName(manifest.File) != manifest.File || (manifest.Keys is not null && Path.GetFileName(manifest.Keys) != manifest.Keys) ||
            (manifest.Calibration is not null && Path.GetFileName(manifest.Calibration) != manifest.Calibration))
            throw new InvalidDataException($"{manifestPath}: files must be plain names in the manifest's folder.");
        return manifest with { Folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))! };
    }
}
