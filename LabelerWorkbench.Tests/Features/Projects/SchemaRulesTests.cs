using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Tests.Features.Projects;

public class SchemaRulesTests
{
    [Fact]
    public void AValidSchema_HasNoProblems()
    {
        Assert.Empty(SchemaRules.Check("Receipts", [new() { Name = "Text", Hotkey = "1" }, new() { Name = "Price", Hotkey = "2" }]));
    }

    [Fact]
    public void Problems_AreNamedPerClass()
    {
        var problems = SchemaRules.Check(" ",
        [
            new() { Name = "Text", Hotkey = "1" },
            new() { Name = "text", Hotkey = "1" },
            new() { Name = "Box", Hotkey = "b", Color = "red" },
            new() { Name = "", AllowBox = false, AllowPolygon = false },
        ]);
        Assert.Contains("The project needs a name.", problems);
        Assert.Contains("Class 'text': the name is used twice.", problems);
        Assert.Contains("Class 'text': hotkey '1' is used twice.", problems);
        Assert.Contains(problems, p => p.StartsWith("Class 'Box': 'b' is a tool key"));
        Assert.Contains("Class 'Box': the colour must look like #1e88e5.", problems);
        Assert.Contains("Class 4: give it a name.", problems);
        Assert.Contains("Class 4: allow boxes, polygons or both.", problems);
    }
}
