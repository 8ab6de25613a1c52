using LabelerWorkbench.Components.Shared;

namespace LabelerWorkbench.Tests.Components;

public class SafeMarkdownTests
{
    [Fact]
    public void Markdown_IsRendered()
    {
        var html = SafeMarkdown.ToHtml("## Rules\n\n* **tight** boxes");
        Assert.Contains("<h2", html);
        Assert.Contains("<strong>tight</strong>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void RawHtml_IsEscaped(string hostile)
    {
        var html = SafeMarkdown.ToHtml(hostile);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](javascript:alert(1))")]
    public void DangerousLinks_AreNeutralised(string hostile)
    {
        var html = SafeMarkdown.ToHtml(hostile);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
    }

    [Fact]
    public void OrdinaryLinks_AreKept()
    {
        Assert.Contains("href=\"https://example.org/guide\"", SafeMarkdown.ToHtml("[guide](https://example.org/guide)"));
        Assert.Contains("href=\"/queue\"", SafeMarkdown.ToHtml("[queue](/queue)"));
    }
}
