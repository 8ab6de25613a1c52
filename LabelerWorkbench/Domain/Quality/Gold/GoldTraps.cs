
namespace LabelerWorkbench.Domain.Quality.Gold;

/// <summary>
/// Seeds known mistakes into the suggestions of a labeler's gold copy: a loosened outline or a wrong character.
/// A labeler who accepts without looking is then caught by accepted_bad_suggestion quickly, not only when the
/// model happens to be wrong.
/// </summary>
public static class GoldTraps
{
    public static IReadOnlyList<RegionData> Seed(IReadOnlyList<RegionData> suggestions, int traps, Random rng)
    {
        var chosen = Enumerable.Range(0, suggestions.Count).OrderBy(_ => rng.Next()).Take(traps).ToHashSet();
        return suggestions.Select((s, i) => chosen.Contains(i) ? Defect(s, rng) : s).ToList();
    }

    public static RegionData Defect(RegionData s, Random rng)
    {
        if (s.Transcription.Length > 0 && rng.Next(2) == 0)
            return s with { Transcription = WrongCharacter(s.Transcription, rng) };
        // Grow the outline about its centre to 1.7× the area: still the same object, clearly too loose.
        var b = s.Bounds;
        var centre = new Point2(b.X + b.Width / 2, b.Y + b.Height / 2);
        var f = Math.Sqrt(1.7);
        return s with { Points = s.Points.Select(p => centre + (p - centre) * f).ToList() };
    }

    static string WrongCharacter(string text, Random rng)
    {
        var chars = text.ToCharArray();
        var letters = Enumerable.Range(0, chars.Length).Where(i => char.IsLetterOrDigit(chars[i])).ToList();
        var i = letters.Count > 0 ? letters[rng.Next(letters.Count)] : rng.Next(chars.Length);
        chars[i] = char.IsDigit(chars[i]) ? (chars[i] == '8' ? '3' : '8') : (char.ToLowerInvariant(chars[i]) == 'o' ? 'a' : 'o');
        return new string(chars);
    }

    /// <summary>Keeps the outline inside the image (a grown box near an edge would otherwise leave it).</summary>
    public static RegionData ClampTo(RegionData r, int width, int height) =>
        r with { Points = r.Points.Select(p => new Point2(Math.Clamp(p.X, 0, width), Math.Clamp(p.Y, 0, height))).ToList() };
}
