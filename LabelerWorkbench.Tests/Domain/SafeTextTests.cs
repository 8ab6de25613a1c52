using LabelerWorkbench.Features.Export;

namespace LabelerWorkbench.Tests.Domain;

public class SafeTextTests
{
    [Theory]
    [InlineData("rtl\u202Egnp.exe", "rtlgnp.exe")]
    [InlineData("a\u2066b\u2069c\u200Fd\uFEFF.png", "abcd.png")]
    [InlineData("line\u2028break.png", "line_break.png")]
    [InlineData("emoji 😀 and \u0915\u094D\u200D\u0937.png", "emoji 😀 and \u0915\u094D\u200D\u0937.png")]
    public void ExportFileNames_DropHiddenFormatCharacters_AndKeepRealText(string name, string expected) =>
        Assert.Equal(expected, ExportNames.Safe(name));

    [Fact]
    public void ForXml_ReplacesOnlyWhatXml10Forbids()
    {
        Assert.Equal("a\tb\n\uFFFD\uFFFD\uFFFD😀\uFFFDz", SafeText.ForXml("a\tb\n\u0001\uFFFE\uFFFF😀\ud800z"));
        Assert.Equal("plain <text> & more", SafeText.ForXml("plain <text> & more"));
    }

    [Fact]
    public void OneLine_TurnsEveryLineBreakingCharacterIntoASpace()
    {
        Assert.Equal("a b c d e f g", SafeText.OneLine("a\rb\nc\u2028d\u2029e\u0085f\u000bg"));
        Assert.Equal("lone \uFFFD", SafeText.OneLine("lone \udc00"));
    }
}
