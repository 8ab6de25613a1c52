using System.Text.RegularExpressions;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// Where a line's text looks like two words run together: a lower-case letter before a capitalised word
/// ("AdaLovelace"), a letter right after a colon, semicolon or comma ("Name:Ada"), three letters against two digits
/// or the reverse ("polygon57337shelf"), or a run of 15 letters or more ("streetgrandstreetprice": English words
/// that long are rare on forms and labels). These are what the recogniser's lost spaces looked like; a line of real
/// English text rarely has them (units such as "2.5kg" or codes such as "AB12" do not match). For a long run the
/// join is placed after its seventh letter: where exactly it lost the space cannot be told from the text.
/// </summary>
public static partial class LostSpace
{
    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu}\p{Ll})|(?<=[:;,])(?=\p{L})|(?<=\p{L}{3})(?=\d{2})|(?<=\d{2})(?=\p{L}{3})|(?<=(?<!\p{L})\p{L}{7})(?=\p{L}{8})")]
    private static partial Regex Join();

    /// <summary>The index of the character before the first suspected join, or −1.</summary>
    public static int Find(string text)
    {
        var m = Join().Match(text);
        return m.Success ? m.Index - 1 : -1;
    }
}
