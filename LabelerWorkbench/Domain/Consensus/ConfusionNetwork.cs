namespace LabelerWorkbench.Domain.Consensus;

/// <summary>
/// A confusion network (ROVER, Fiscus 1997): token sequences aligned into slots, each slot holding the tokens the
/// voters put there with their summed weight; a voter with nothing in a slot votes for "no token" (null). Sequences
/// are added one at a time and each is aligned to the whole network by dynamic programming, so a token missing in
/// one sequence or present only in one becomes a slot of its own rather than shifting every later token.
/// </summary>
/// <typeparam name="T">A token: a word, or a character (a text element, so accents stay on their letters).</typeparam>
public sealed class ConfusionNetwork<T> where T : class
{
    readonly List<Dictionary<T, double>> slots = [];
    readonly List<double> emptyWeight = [];
    readonly Func<T, T, double> substitution;
    double totalWeight;

    /// <param name="substitution">The cost of aligning two different tokens, from 0 (same) to 1 (unrelated); inserting or deleting a token costs 1.</param>
    public ConfusionNetwork(Func<T, T, double> substitution) => this.substitution = substitution;

    public int Count => slots.Count;
    public double TotalWeight => totalWeight;

    /// <summary>Aligns one voter's sequence into the network.</summary>
    public void Add(IReadOnlyList<T> tokens, double weight)
    {
        if (weight <= 0) throw new ArgumentOutOfRangeException(nameof(weight), "A voter needs a positive weight.");
        if (slots.Count == 0)
        {
            foreach (var t in tokens) { slots.Add(new() { [t] = weight }); emptyWeight.Add(totalWeight); }
            totalWeight += weight;
            return;
        }
        var path = Align(tokens);
        // Rebuild the slots along the path: matched slots gain the token, skipped slots an empty vote, new slots
        // hold the token with an empty vote from everyone before.
        var newSlots = new List<Dictionary<T, double>>();
        var newEmpty = new List<double>();
        foreach (var (slot, token) in path)
        {
            if (slot is { } s)
            {
                var votes = slots[s];
                if (token is { } t) votes[t] = votes.GetValueOrDefault(t) + weight;
                newSlots.Add(votes);
                newEmpty.Add(emptyWeight[s] + (token is null ? weight : 0));
            }
            else
            {
                newSlots.Add(new() { [token!] = weight });
                newEmpty.Add(totalWeight);
            }
        }
        slots.Clear(); slots.AddRange(newSlots);
        emptyWeight.Clear(); emptyWeight.AddRange(newEmpty);
        totalWeight += weight;
    }

    /// <summary>Each slot's candidates (null: no token there) with their weight, heaviest first.</summary>
    public IReadOnlyList<IReadOnlyList<(T? Token, double Weight)>> Slots =>
        slots.Select((votes, i) => (IReadOnlyList<(T?, double)>)votes.Select(kv => ((T?)kv.Key, kv.Value))
            .Append((default(T), emptyWeight[i])).Where(c => c.Item2 > 0)
            .OrderByDescending(c => c.Item2).ToList()).ToList();

    /// <summary>The alignment path: for each step, the network slot (null: a new slot) and the token (null: none).</summary>
    List<(int? Slot, T? Token)> Align(IReadOnlyList<T> tokens)
    {
        int n = slots.Count, m = tokens.Count;
        var cost = new double[n + 1, m + 1];
        var move = new byte[n + 1, m + 1]; // 1 diagonal, 2 skip slot, 3 new slot
        for (var i = 1; i <= n; i++) { cost[i, 0] = cost[i - 1, 0] + SkipCost(i - 1); move[i, 0] = 2; }
        for (var j = 1; j <= m; j++) { cost[0, j] = cost[0, j - 1] + 1; move[0, j] = 3; }
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= m; j++)
            {
                var diagonal = cost[i - 1, j - 1] + MatchCost(i - 1, tokens[j - 1]);
                var skip = cost[i - 1, j] + SkipCost(i - 1);
                var insert = cost[i, j - 1] + 1;
                (cost[i, j], move[i, j]) = diagonal <= skip && diagonal <= insert ? (diagonal, (byte)1)
                    : skip <= insert ? (skip, (byte)2) : (insert, (byte)3);
            }
        var path = new List<(int?, T?)>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            switch (move[i, j])
            {
                case 1: path.Add((i - 1, tokens[j - 1])); i--; j--; break;
                case 2: path.Add((i - 1, default)); i--; break;
                default: path.Add((null, tokens[j - 1])); j--; break;
            }
        }
        path.Reverse();
        return path;
    }

    /// <summary>A token against a slot: its weighted cost against what the voters put there (an empty vote costs 1).</summary>
    double MatchCost(int slot, T token)
    {
        var votes = slots[slot];
        var total = votes.Values.Sum() + emptyWeight[slot];
        var sum = emptyWeight[slot];
        foreach (var (t, w) in votes) sum += w * (EqualityComparer<T>.Default.Equals(t, token) ? 0 : substitution(t, token));
        return sum / total;
    }

    /// <summary>Leaving a slot empty costs what the voters who put a token there lose.</summary>
    double SkipCost(int slot)
    {
        var votes = slots[slot];
        var filled = votes.Values.Sum();
        return filled / (filled + emptyWeight[slot]);
    }
}
