namespace LabelerWorkbench.Features.Export;

/// <summary>
/// File names inside an export: the imported name made safe for any file system and archive (no folders,
/// no "..", no control characters), and unique within the export (a repeated name gets the task id).
/// </summary>
public sealed class ExportNames
{
    readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public string For(ExportItem item)
    {
        var name = Safe(item.FileName);
        if (!used.Add(name))
        {
            name = $"{item.TaskId}_{name}";
            used.Add(name);
        }
        return name;
    }

    public static string Safe(string fileName)
    {
        // Hidden format characters go first: a bidi override would show another extension than the real one.
        var name = SafeText.WithoutHiddenFormat(fileName).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var chars = name.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' || Path.GetInvalidFileNameChars().Contains(c)
            || c is ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c).ToArray();
        name = new string(chars).Trim().TrimStart('.');
        return name.Length == 0 ? "image" : name.Length > 120 ? name[^120..] : name;
    }

    public static string Stem(string name) => Path.GetFileNameWithoutExtension(name);
}
