namespace LabelerWorkbench.Tests.Architecture;

/// <summary>The layout holds: the kernel imports nothing of the app, and no two areas depend on each other in a loop.</summary>
public class DependencyTests
{
    static readonly DependencyGraph Graph = new(typeof(Program).Assembly.Location);

    static string Describe(string from, string to) =>
        $"{from} → {to} ({string.Join("; ", Graph.Witnesses.GetValueOrDefault((from, to)) ?? [])})";

    [Fact]
    public void TheDomainKernel_UsesNothingOfTheApp()
    {
        var outside = (Graph.Uses.GetValueOrDefault("Domain") ?? new HashSet<string>()).Order().ToList();
        Assert.True(outside.Count == 0, "Domain uses: " + string.Join("\n", outside.Select(to => Describe("Domain", to))));
        Assert.Contains("Domain", Graph.Uses.Keys);
    }

    [Fact]
    public void NoTwoAreas_DependOnEachOtherInALoop()
    {
        var cycles = Graph.Cycles();
        var message = string.Join("\n\n", cycles.Select(c => string.Join(", ", c) + ":\n  " + string.Join("\n  ",
            c.SelectMany(from => (Graph.Uses.GetValueOrDefault(from) ?? new HashSet<string>()).Where(c.Contains).Select(to => Describe(from, to))))));
        Assert.True(cycles.Count == 0, message);
    }

    [Fact]
    public void TheGraphReader_SeesReferences_FromMethodBodies()
    {
        // Program wires every feature up: if the reader missed method bodies, it would see none of them.
        Assert.Contains("Features.Annotate", Graph.Uses["Program"]);
        Assert.Contains("Data", Graph.Uses["Features.Annotate"]);
    }
}
