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

    /// <summary>
    /// Copies an incoming file to a temporary file beside the store, up to <paramref name="maxBytes"/>, so that
    /// checking it never holds the whole file in memory. Null when the file is larger (nothing is kept).
    /// </summary>
    public async Task<StagedBlob?> StageAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        var folder = Path.Combine(paths.Images, "staging");
        Directory.CreateDirectory(folder);
        var staged = new StagedBlob(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp"));
        try
        {
            var buffer = new byte[81920];
            await using var file = new FileStream(staged.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                staged.Length += read;
                if (staged.Length > maxBytes) { await file.DisposeAsync(); staged.Dispose(); return null; }
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Moves a checked staged file into the store under its hash (or drops it when the blob exists).</summary>
    public void Commit(StagedBlob staged, string sha256)
    {
        var target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try { File.Move(staged.Path, target, overwrite: false); }
        catch (IOException) when (File.Exists(target)) { }
        staged.Dispose();
    }

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
}

/// <summary>A file waiting to be checked; disposing it deletes it unless it was committed to the store.</summary>
public sealed class StagedBlob(string path) : IDisposable
{
    public string Path { get; } = path;
    public long Length { get; internal set; }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
