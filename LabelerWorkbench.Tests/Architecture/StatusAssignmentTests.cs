using System.Text.RegularExpressions;

namespace LabelerWorkbench.Tests.Architecture;

/// <summary>Every change of a task's status goes through the state machine: no code outside it writes a status itself.</summary>
public partial class StatusAssignmentTests
{
    // A status written from a literal: `Status = LabelTaskStatus.X`, `SetProperty(t => t.Status, LabelTaskStatus.X)`.
    [GeneratedRegex(@"(\bStatus\s*=\s*LabelTaskStatus\.|\.Status\s*,\s*LabelTaskStatus\.)")]
    private static partial Regex LiteralStatusWrite();

    static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LabelerWorkbench.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("The solution folder was not found above the test binaries."), "LabelerWorkbench");
    }

    [Fact]
    public void NoCodeOutsideTheStateMachine_WritesATaskStatus()
    {
        var root = SourceRoot();
        var machine = Path.Combine(root, "Domain", "Tasks");
        var offenders = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !f.StartsWith(machine) && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line.Trim())))
            .Where(x => LiteralStatusWrite().IsMatch(x.Text))
            .Select(x => $"{x.File}:{x.Line}: {x.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Status written outside TaskLifecycle:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheScan_FindsALiteralStatusWrite()
    {
        Assert.Matches(LiteralStatusWrite(), "task.Status = LabelTaskStatus.Accepted;");
        Assert.Matches(LiteralStatusWrite(), ".SetProperty(t => t.Status, LabelTaskStatus.Leased)");
        Assert.DoesNotMatch(LiteralStatusWrite(), "if (task.Status == LabelTaskStatus.Accepted)");
        Assert.DoesNotMatch(LiteralStatusWrite(), "Status = a.Status");
    }
}
