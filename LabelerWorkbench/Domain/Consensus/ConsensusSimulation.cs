namespace LabelerWorkbench.Domain.Consensus;

/// <param name="Replicas">k, the labelers who label each page independently.</param>
/// <param name="CharError">Per character: replaced (60 %), dropped (20 %) or doubled by a stray one (20 %).</param>
/// <param name="WordError">Per word: dropped, split in two, or run together with the next (a third each).</param>
/// <param name="MissRate">Per line: not drawn at all.</param>
/// <param name="ExtraRate">Per line: a stray box with stray text drawn somewhere else.</param>
/// <param name="Jitter">Each box edge off by up to this many pixels.</param>
public sealed record ConsensusScenario(int Replicas, int Pages = 200, int LinesPerPage = 10, double CharError = 0.05, double WordError = 0.02,
    double MissRate = 0.05, double ExtraRate = 0.03, double Jitter = 3, int Seed = 1)
{
    /// <summary>A strict majority of the replicas.</summary>
    public int Quorum => Replicas / 2 + 1;
}

/// <param name="SingleCer">Character error rate of one labeler's lines against the truth (a missed line counts all its characters).</param>
/// <param name="MajorityCer">Exact-match majority: a line's text is the one a majority typed identically, else the first labeler's.</param>
/// <param name="MergedCer">The word-aligned (ROVER) merge.</param>
public sealed record ConsensusReport(ConsensusScenario Scenario, double SingleCer, double MajorityCer, double MergedCer,
    double ExactMajorityShare, double RegionPrecision, double RegionRecall, double SinglePrecision, double SingleRecall, double MeanAgreement);

/// <summary>
/// Simulated labelers with independent character, word and region errors, run through the real merger
/// (<see cref="RegionConsensus"/>), against the truth they copied.
/// </summary>
public static class ConsensusSimulation
{
    static readonly string[] Vocabulary =
    [
        "Station", "Road", "Total", "due", "Cafe", "Menu", "Milk", "Bread", "Invoice", "Number", "Date", "Paid", "Street", "North",
        "Market", "Coffee", "Tea", "Sugar", "Payment", "Account", "Order", "Delivery", "Customer", "Price", "Amount", "Tax", "Receipt",
        "London", "Avenue", "Bakery", "Fresh", "Orange", "Juice", "Water", "Service", "Charge", "Table", "Change", "Cash", "Card",
    ];
    const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static ConsensusReport Run(ConsensusScenario s)
    {
        var random = new Random(s.Seed);
        long truthChars = 0, singleErrors = 0, majorityErrors = 0, mergedErrors = 0;
        int exactMajority = 0, lines = 0, keptMatched = 0, kept = 0, singleMatched = 0, singleDrawn = 0;
        double agreement = 0;
        for (var page = 0; page < s.Pages; page++)
        {
            var truth = Enumerable.Range(0, s.LinesPerPage).Select(i => TruthLine(random, i)).ToList();
            var replicas = Enumerable.Range(0, s.Replicas)
                .Select(k => new Replica($"labeler-{k}", 1, Label(random, truth, s))).ToList();
            var merge = RegionConsensus.Merge(replicas, s.Quorum);
            agreement += merge.Agreement;

            var single = RegionMatcher.Match(truth, replicas[0].Regions, 0.5).ToDictionary(m => m.Submitted, m => replicas[0].Regions[m.Answer]);
            var merged = RegionMatcher.Match(truth, merge.Kept.Select(m => m.Region).ToList(), 0.5).ToDictionary(m => m.Submitted, m => merge.Kept[m.Answer]);
            singleMatched += single.Count; singleDrawn += replicas[0].Regions.Count;
            keptMatched += merged.Count; kept += merge.Kept.Count;
            for (var i = 0; i < truth.Count; i++)
            {
                var text = truth[i].Transcription;
                truthChars += text.Length;
                lines++;
                singleErrors += Distance(text, single.GetValueOrDefault(i)?.Transcription);
                if (merged.GetValueOrDefault(i) is not { } m)
                {
                    majorityErrors += text.Length;
                    mergedErrors += text.Length;
                    continue;
                }
                mergedErrors += Distance(text, m.Region.Transcription);
                var typed = m.Members.OrderBy(x => x.Replica).Select(x => x.Region.Transcription).ToList();
                var majority = typed.GroupBy(t => t).Where(g => g.Count() >= s.Quorum).Select(g => g.Key).FirstOrDefault();
                if (majority is not null) exactMajority++;
                majorityErrors += Distance(text, majority ?? typed[0]);
            }
        }
        return new(s, (double)singleErrors / truthChars, (double)majorityErrors / truthChars, (double)mergedErrors / truthChars,
            (double)exactMajority / lines, kept == 0 ? 0 : (double)keptMatched / kept, (double)keptMatched / lines,
            singleDrawn == 0 ? 0 : (double)singleMatched / singleDrawn, (double)singleMatched / lines, agreement / s.Pages);
    }

    static int Distance(string truth, string? typed) => typed is null ? truth.Length : TextDistance.Levenshtein(truth, typed);

    static RegionData TruthLine(Random random, int row)
    {
        var words = Enumerable.Range(0, random.Next(2, 7)).Select(_ => random.Next(5) == 0 ? random.Next(1, 999).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? ".50" : "") : Vocabulary[random.Next(Vocabulary.Length)]);
        var y = 40 + row * 60;
        return new RegionData(Guid.NewGuid(), GeometryKind.Box, 1, [new(50 + random.Next(40), y), new(600 + random.Next(200), y + 40)], string.Join(' ', words), new Provenance(RegionSource.Labeler, "truth"));
    }

    static List<RegionData> Label(Random random, IReadOnlyList<RegionData> truth, ConsensusScenario s)
    {
        var regions = new List<RegionData>();
        foreach (var line in truth)
        {
            if (random.NextDouble() < s.ExtraRate)
            {
                var x = 900 + random.Next(200);
                var y = random.Next(600);
                regions.Add(new RegionData(Guid.NewGuid(), GeometryKind.Box, 1, [new(x, y), new(x + 150, y + 35)], Vocabulary[random.Next(Vocabulary.Length)], new Provenance(RegionSource.Labeler, "sim")));
            }
            if (random.NextDouble() < s.MissRate) continue;
            var b = line.Bounds;
            double J() => (random.NextDouble() * 2 - 1) * s.Jitter;
            regions.Add(line with
            {
                Id = Guid.NewGuid(),
                Points = [new(b.X + J(), b.Y + J()), new(b.Right + J(), b.Bottom + J())],
                Transcription = Corrupt(random, line.Transcription, s),
            });
        }
        return regions;
    }

    static string Corrupt(Random random, string text, ConsensusScenario s)
    {
        var words = text.Split(' ').ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (random.NextDouble() >= s.WordError) continue;
            switch (random.Next(3))
            {
                case 0 when words.Count > 1: words.RemoveAt(i); i--; break;
                case 1 when words[i].Length > 3: var cut = random.Next(1, words[i].Length); words.Insert(i + 1, words[i][cut..]); words[i] = words[i][..cut]; i++; break;
                case 2 when i + 1 < words.Count: words[i] += words[i + 1]; words.RemoveAt(i + 1); break;
            }
        }
        var chars = new System.Text.StringBuilder();
        foreach (var c in string.Join(' ', words))
        {
            if (c == ' ' || random.NextDouble() >= s.CharError) { chars.Append(c); continue; }
            var kind = random.NextDouble();
            if (kind < 0.6) chars.Append(Letters[random.Next(Letters.Length)]);
            else if (kind < 0.8) { }
            else chars.Append(c).Append(Letters[random.Next(Letters.Length)]);
        }
        return chars.ToString();
    }
}
