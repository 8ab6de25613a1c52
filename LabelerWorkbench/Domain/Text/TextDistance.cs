namespace LabelerWorkbench.Domain.Text;

/// <summary>Edit distance between texts, for character error rates (OCR quality, transcription errors).</summary>
public static class TextDistance
{
    /// <summary>Levenshtein distance over UTF-16 code units, in O(min(a, b)) memory.</summary>
    public static int Levenshtein(string a, string b)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>Character error rate of <paramref name="predicted"/> against <paramref name="truth"/>: edits / truth length.</summary>
    public static double CharacterErrorRate(string truth, string predicted) =>
        truth.Length == 0 ? (predicted.Length == 0 ? 0 : 1) : (double)Levenshtein(truth, predicted) / truth.Length;
}
