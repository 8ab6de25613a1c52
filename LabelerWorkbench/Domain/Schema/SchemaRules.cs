using System.Text.RegularExpressions;

namespace LabelerWorkbench.Domain.Schema;

/// <summary>A class as the lead edits it; <see cref="Id"/> is null for a new class.</summary>
public sealed class LabelClassInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Color { get; set; } = "#1e88e5";
    public string? Hotkey { get; set; }
    public bool AllowBox { get; set; } = true;
    public bool AllowPolygon { get; set; } = true;
    public bool RequiresTranscription { get; set; }
}

public static partial class SchemaRules
{
    /// <summary>Keys the annotate page uses for tools and commands, so classes cannot take them.</summary>
    public const string ReservedKeys = "vbpfhz";

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    public static IReadOnlyList<string> Check(string projectName, IReadOnlyList<LabelClassInput> classes)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(projectName)) problems.Add("The project needs a name.");
        else if (projectName.Trim().Length > 200) problems.Add("The project name may be at most 200 characters.");
        if (classes.Count == 0) problems.Add("Add at least one label class.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < classes.Count; i++)
        {
            var c = classes[i];
            var label = string.IsNullOrWhiteSpace(c.Name) ? $"Class {i + 1}" : $"Class '{c.Name.Trim()}'";
            if (string.IsNullOrWhiteSpace(c.Name)) problems.Add($"{label}: give it a name.");
            else if (c.Name.Trim().Length > 100) problems.Add($"{label}: the name may be at most 100 characters.");
            else if (!names.Add(c.Name.Trim())) problems.Add($"{label}: the name is used twice.");
            if (!HexColor().IsMatch(c.Color ?? "")) problems.Add($"{label}: the colour must look like #1e88e5.");
            if (!c.AllowBox && !c.AllowPolygon) problems.Add($"{label}: allow boxes, polygons or both.");
            if (!string.IsNullOrEmpty(c.Hotkey))
            {
                var key = c.Hotkey.Trim();
                if (key.Length != 1 || !char.IsAsciiLetterOrDigit(key[0]))
                    problems.Add($"{label}: the hotkey must be one letter or digit.");
                else if (ReservedKeys.Contains(char.ToLowerInvariant(key[0])))
                    problems.Add($"{label}: '{key}' is a tool key ({ReservedKeys.ToUpperInvariant()} are taken).");
                else if (!keys.Add(key)) problems.Add($"{label}: hotkey '{key}' is used twice.");
            }
        }
        return problems;
    }
}
