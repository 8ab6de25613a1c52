using System.Globalization;
using System.Text;

namespace LabelerWorkbench.Domain.Text;

/// <summary>
/// User text made safe for the places it ends up outside the app: file names, XML, line-based files.
/// Each function changes only what its target cannot hold, so ordinary text passes through untouched.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// Invisible format characters (bidi overrides and isolates such as U+202E, zero-width spaces, BOM, tags):
    /// in a file name they make <c>rtl&#x202E;gnp.exe</c> look like <c>rtlexe.png</c>. Zero-width (non-)joiners
    /// stay, since some scripts need them to spell words.
    /// </summary>
    public static bool IsHiddenFormat(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Format && c is not ('\u200C' or '\u200D');

    /// <summary>Lone surrogate halves (not text in any encoding) become U+FFFD.</summary>
    public static string WellFormed(string s)
    {
        if (!HasLoneSurrogate(s)) return s;
        var b = new StringBuilder(s.Length);
        foreach (var rune in Runes(s)) b.Append(rune);
        return b.ToString();
    }

    /// <summary>Without hidden format characters (see <see cref="IsHiddenFormat"/>), with well-formed surrogates.</summary>
    public static string WithoutHiddenFormat(string s) =>
        s.Any(IsHiddenFormat) ? WellFormed(new string(s.Where(c => !IsHiddenFormat(c)).ToArray())) : WellFormed(s);

    /// <summary>
    /// Only characters XML 1.0 allows (tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and the
    /// supplementary planes); anything else, such as U+0001 or U+FFFE, becomes U+FFFD, which parsers accept.
    /// </summary>
    public static string ForXml(string s)
    {
        if (Runes(s).All(IsXmlChar) && !HasLoneSurrogate(s)) return s;
        var b = new StringBuilder(s.Length);
        foreach (var rune in Runes(s)) b.Append(IsXmlChar(rune) ? rune : Rune.ReplacementChar);
        return b.ToString();
    }

    /// <summary>
    /// One line of a line-based file: every character a reader might split lines on (control characters,
    /// U+0085, U+2028, U+2029) becomes a space; a CR LF pair is one space.
    /// </summary>
    public static string OneLine(string s)
    {
        static bool Breaks(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
        if (!s.Any(Breaks)) return WellFormed(s);
        s = s.ReplaceLineEndings(" ");
        return WellFormed(new string(s.Select(c => Breaks(c) ? ' ' : c).ToArray()));
    }

    static bool IsXmlChar(Rune r) => r.Value switch
    {
        0x9 or 0xA or 0xD => true,
        >= 0x20 and <= 0xD7FF => true,
        >= 0xE000 and <= 0xFFFD => true,
        >= 0x10000 => true,
        _ => false,
    };

    static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }

    /// <summary>The text's code points, a lone surrogate read as U+FFFD.</summary>
    static IEnumerable<Rune> Runes(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out var used);
            yield return rune;
            i += used;
        }
    }
}
