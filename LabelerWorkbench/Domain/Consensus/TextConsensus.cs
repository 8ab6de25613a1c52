using LabelerWorkbench.Domain.Text;

namespace LabelerWorkbench.Domain.Consensus;

/// <summary>One transcription and how much its author is trusted (e.g. their measured accuracy for text).</summary>
public sealed record TextVote(string Text, double Weight);

/// <summary>A merged word and the share of the voters' weight that wrote exactly it.</summary>
public sealed record WordAgreement(string Word, double Agreement);

public sealed record MergedText(string Text, IReadOnlyList<WordAgreement> Words)
{
    /// <summary>The lowest word agreement (1 for an empty line all agree on).</summary>
    public double Agreement => Words.Count == 0 ? 1 : Words.Min(w => w.Agreement);
}

/// <summary>
/// Transcription consensus by word alignment (ROVER): the voters' lines are aligned word by word into a confusion
/// network and each slot is decided by weighted vote (a slot whose winner is "no word" is dropped), so a dropped or
/// split word in one line does not shift the others. Inside a slot the words are aligned again character by
/// character and voted per character, so typos at different places in the same word still give the right word
/// even when no two voters typed it alike. Exact-match majority finds nothing in either case.
/// </summary>
public static class TextConsensus
{
    public static MergedText Merge(IReadOnlyList<TextVote> votes)
    {
        var voters = votes.Where(v => v.Weight > 0).ToList();
        if (voters.Count == 0) return new("", []);
        var network = new ConfusionNetwork<string>(WordDistance);
        foreach (var v in voters) network.Add(Words(v.Text), v.Weight);

        var words = new List<WordAgreement>();
        foreach (var slot in network.Slots)
        {
            var empty = slot.Where(c => c.Token is null).Sum(c => c.Weight);
            var filled = slot.Where(c => c.Token is not null).ToList();
            // A tie keeps the word: a word someone read is likelier right than a stray one is (a dropped word is the
            // commoner slip), and with two voters every disagreement is a tie.
            if (filled.Count == 0 || empty > filled.Sum(c => c.Weight)) continue;
            var word = filled.Count == 1 ? filled[0].Token! : MergeCharacters(filled);
            var exact = filled.Where(c => c.Token == word).Sum(c => c.Weight);
            words.Add(new(word, exact / network.TotalWeight));
        }
        return new(string.Join(' ', words.Select(w => w.Word)), words);
    }

    static IReadOnlyList<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The word the characters vote for: each variant aligned character by character, each position by weight.</summary>
    static string MergeCharacters(IReadOnlyList<(string? Token, double Weight)> variants)
    {
        var network = new ConfusionNetwork<string>((_, _) => 1);
        // The heaviest variant first: it anchors the alignment.
        foreach (var (token, weight) in variants.OrderByDescending(v => v.Weight)) network.Add(TextElements(token!), weight);
        var merged = string.Concat(network.Slots.Select(slot => slot[0].Token).OfType<string>());
        return merged.Length > 0 ? merged : variants[0].Token!;
    }

    static List<string> TextElements(string word)
    {
        var elements = new List<string>();
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext()) elements.Add((string)e.Current);
        return elements;
    }

    /// <summary>Two words' character distance as a share of the longer one: 0 same, 1 nothing in common.</summary>
    static double WordDistance(string a, string b) =>
        (double)TextDistance.Levenshtein(a, b) / Math.Max(1, Math.Max(a.Length, b.Length));
}
