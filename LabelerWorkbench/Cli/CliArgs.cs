namespace LabelerWorkbench.Cli;

public static class CliArgs
{
    /// <summary>The value after <paramref name="name"/> on the command line, if any.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(Option(args, name), out var v) ? v : fallback;
}
