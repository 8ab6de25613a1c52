using System.Text.RegularExpressions;

namespace LabelerWorkbench.Data;

/// <summary>Image bytes on disk, content-addressed: <c>images/ab/abcdef…</c> by SHA-256, written once.</summary>
public sealed partial class BlobStore(DataPaths paths)
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    public string PathOf(string sha256)
    {
        // The hash names a file: anything but 64 hex digits would be a path traversal.
        if (!Sha256Hex().IsMatch(sha256)) throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        return Path.Combine(paths.Images, sha256[..2], sha256);
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Writes the bytes unless the blob exists; a temp file and a rename keep readers from seeing half a file.</summary>
    public async Task SaveAsync(string sha256, ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var target = PathOf(sha256);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await file.WriteAsync(bytes, ct);
        try { File.Move(temp, target, overwrite: false); }
        catch (IOException) when (File.Exists(target)) { File.Delete(temp); }
    }

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
}
