namespace LabelerWorkbench.Cli;

/// <summary>A one-line progress bar on stderr (stdout stays clean for the command's result).</summary>
public sealed class ProgressBar
{
    const int Width = 30;
    int lastFilled = -1;

    public static void Draw(int done, int total, string label = "")
    {
        var filled = total == 0 ? Width : done * Width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {label,-30}");
    }

    /// <summary>Redraws only when the bar grows, so a fast export does not flood the terminal.</summary>
    public void Show(double fraction)
    {
        var filled = (int)(Math.Clamp(fraction, 0, 1) * Width);
        if (filled == lastFilled) return;
        lastFilled = filled;
        Draw((int)(fraction * 100), 100, "%");
    }

    public void Done() => Console.Error.WriteLine();
}
