using System.Globalization;

namespace LabelerWorkbench.Cli;

/// <summary>A command line that cannot be run as given: the message says why; the caller prints the usage.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// Strict option reading: an option the command does not know, a missing or malformed value, or a stray argument
/// stops the command (nothing silently runs a different experiment).
/// </summary>
public static class CliArgs
{
    /// <summary>Refuses anything but <paramref name="options"/> (each followed by a value) and <paramref name="flags"/>.</summary>
    public static void Check(string[] args, IReadOnlyCollection<string> options, IReadOnlyCollection<string>? flags = null)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (flags?.Contains(args[i]) == true) continue;
            if (!options.Contains(args[i]))
                throw new CliUsageException(args[i].StartsWith('-') ? $"unknown option '{args[i]}'" : $"unexpected argument '{args[i]}'");
            if (i + 1 >= args.Length || (args[i + 1].StartsWith("--") && !double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out _)))
                throw new CliUsageException($"option '{args[i]}' needs a value");
            if (Array.IndexOf(args, args[i]) != i) throw new CliUsageException($"option '{args[i]}' is given twice");
            i++;
        }
    }

    /// <summary>The value after <paramref name="name"/> on the command line, if any.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;

    /// <summary>
    /// A path option, a relative one taken from the folder the command was typed in: <c>dotnet run --project</c> runs
    /// the program in the project's folder, while the shell's PWD still names where the user stands.
    /// </summary>
    public static string? PathOption(string[] args, string name)
    {
        if (Option(args, name) is not { } path || Path.IsPathRooted(path)) return Option(args, name);
        var shell = Environment.GetEnvironmentVariable("PWD");
        return shell is not null && Path.IsPathRooted(shell) && Directory.Exists(shell) ? Path.GetFullPath(Path.Combine(shell, path)) : path;
    }

    /// <summary>An integer option within [<paramref name="min"/>, <paramref name="max"/>], or the fallback when absent.</summary>
    public static int IntOption(string[] args, string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Option(args, name) is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new CliUsageException($"option '{name}' needs a whole number, not '{text}'");
        if (v < min || v > max) throw new CliUsageException($"option '{name}' must be between {min} and {max}, not {v}");
        return v;
    }

    public static double DoubleOption(string[] args, string name, double fallback, double min, double max)
    {
        if (Option(args, name) is not { } text) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new CliUsageException($"option '{name}' needs a number, not '{text}'");
        if (v < min || v > max) throw new CliUsageException($"option '{name}' must be between {min} and {max}, not {v}");
        return v;
    }

    /// <summary>One of <paramref name="choices"/>, or the fallback when absent.</summary>
    public static string ChoiceOption(string[] args, string name, string fallback, params string[] choices)
    {
        if (Option(args, name) is not { } text) return fallback;
        return choices.Contains(text) ? text : throw new CliUsageException($"option '{name}' must be one of {string.Join(", ", choices)}, not '{text}'");
    }
}
