namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>
/// The server folders a lead may import from. A path counts as inside only when every directory and the file on
/// the way resolve, after all symbolic links, to a place under an allowed folder; a walk never follows a link out;
/// and every refusal of a place outside reads the same, so the form cannot be used to learn what exists there.
/// </summary>
public sealed class ServerFolders
{
    /// <summary>Links followed while resolving one path before giving up (Linux's own limit is 40).</summary>
    const int MaxLinkHops = 40;

    static readonly HashSet<string> ImageExtensions =
        new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp" };

    readonly IReadOnlyList<string> roots;
    readonly string refusal;

    /// <param name="allowed">The allowed folders, absolute.</param>
    public ServerFolders(IReadOnlyList<string> allowed)
    {
        roots = allowed.Select(r => RealPath(r) ?? r).ToList();
        refusal = $"Imports may only come from: {string.Join(", ", allowed)} (setting Import:AllowedFolders).";
    }

    /// <summary>
    /// The image files a path names: every image under a folder (recursively), or the one image a file path names;
    /// or why the path cannot be used.
    /// </summary>
    public (IReadOnlyList<string> Files, string? Error) List(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return ([], "Enter a folder path.");
        string full;
        try { full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim())); }
        catch (Exception) { return ([], "That is not a valid path."); }
        // Decided on the resolved path before anything is looked up, so a place outside is refused the same way
        // whether it exists or not.
        if (!IsAllowed(full)) return ([], refusal);
        if (File.Exists(full))
            return ImageExtensions.Contains(Path.GetExtension(full)) ? ([full], null) : ([], $"'{full}' is not an image file (.png, .jpg, .webp, .gif, .bmp).");
        if (!Directory.Exists(full)) return ([], $"Nothing exists at '{full}'.");
        var files = Walk(full);
        return files.Count == 0 ? ([], "The folder holds no image files (.png, .jpg, .webp, .gif, .bmp).") : (files, null);
    }

    /// <summary>
    /// Opens a listed file for reading, checking again where it leads: the tree may have changed since it was
    /// listed. On Linux the opened file's own path is checked too (<c>/proc/self/fd</c>), which closes the gap
    /// between that check and the open.
    /// </summary>
    /// <returns>The stream, or null when the file is no longer inside an allowed folder.</returns>
    public FileStream? OpenRead(string path)
    {
        var full = Path.GetFullPath(path);
        if (!IsAllowed(full)) return null;
        var stream = new FileStream(RealPath(full)!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        if (OperatingSystem.IsLinux())
        {
            var opened = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            if (opened is null || !roots.Any(root => IsUnder(opened, root)))
            {
                stream.Dispose();
                return null;
            }
        }
        return stream;
    }

    bool IsAllowed(string full) => RealPath(full) is { } real && roots.Any(root => IsUnder(real, root));

    /// <summary>Every image file below <paramref name="folder"/>; links are followed only where they stay inside.</summary>
    List<string> Walk(string folder)
    {
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([folder]);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 };
        while (pending.TryPop(out var dir))
        {
            // A link back up the tree would otherwise be walked for ever.
            if (RealPath(dir) is not { } realDir || !visited.Add(realDir)) continue;
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is not null && !IsAllowed(entry.FullName)) continue;
                if (Directory.Exists(entry.FullName)) pending.Push(entry.FullName);
                else if (ImageExtensions.Contains(entry.Extension)) files.Add(entry.FullName);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) ||
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The absolute path with every symbolic link on the way resolved, as the operating system would follow it
    /// (like <c>realpath</c>); parts that do not exist are kept as written. Null for a link loop or a chain of
    /// more than <see cref="MaxLinkHops"/> links.
    /// </summary>
    public static string? RealPath(string path)
    {
        var hops = 0;
        var pending = new Stack<string>();
        var full = Path.GetFullPath(path);
        var resolved = Path.GetPathRoot(full)!;
        foreach (var part in full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            pending.Push(part);
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            var next = Path.Combine(resolved, part);
            string? target;
            try { target = new FileInfo(next).LinkTarget; }
            catch (IOException) { target = null; }
            catch (UnauthorizedAccessException) { target = null; }
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++hops > MaxLinkHops) return null;
            // The link's target takes its place: from the root when absolute, else from the folder holding the link.
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
                target = target[resolved.Length..];
            }
            foreach (var p in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(p);
        }
        return Path.TrimEndingDirectorySeparator(resolved);
    }
}
