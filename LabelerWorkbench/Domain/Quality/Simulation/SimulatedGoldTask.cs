
namespace LabelerWorkbench.Domain.Quality.Simulation;

/// <summary>A gold task as the simulation makes it: the answer, and the model's suggestions (some wrong, three of them traps).</summary>
public sealed record SimulatedGoldTask(IReadOnlyList<RegionData> Answer, IReadOnlyList<RegionData> Suggestions)
{
    const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    static readonly Provenance Model = new(RegionSource.Model, null, "sim-model", "1", 0.9);

    /// <param name="modelErrorRate">Share of suggestions the model gets wrong on its own.</param>
    public static SimulatedGoldTask Create(Random rng, double modelErrorRate = 0.10)
    {
        var count = rng.Next(5, 11);
        var answer = new List<RegionData>();
        for (var i = 0; i < count; i++)
        {
            // Text lines stacked down a page, so that they never overlap each other.
            var box = new Box(40 + rng.Next(0, 200), 30 + i * 90, rng.Next(150, 500), rng.Next(24, 48));
            answer.Add(new RegionData(Guid.NewGuid(), GeometryKind.Box, rng.Next(1, 3), Corners(box), Word(rng), Model with { Source = RegionSource.Labeler }));
        }
        var suggestions = new List<RegionData>();
        // Three seeded mistakes per gold task (traps), as the product seeds them, plus the model's own.
        var traps = Enumerable.Range(0, count).OrderBy(_ => rng.Next()).Take(3).ToHashSet();
        foreach (var (a, i) in answer.Select((a, i) => (a, i)))
        {
            if (rng.NextDouble() < 0.1 && !traps.Contains(i)) continue; // the model missed it
            var s = a with { Id = Guid.NewGuid(), Provenance = Model, Pending = true };
            if (traps.Contains(i) || rng.NextDouble() < modelErrorRate) s = Defect(s, rng);
            suggestions.Add(s);
        }
        return new SimulatedGoldTask(answer, suggestions);
    }

    static RegionData Defect(RegionData r, Random rng) => rng.Next(3) switch
    {
        0 => r with { Transcription = Typo(r.Transcription, rng) },
        1 => r with { Points = Corners(Scale(r.Bounds, 1.6)) },
        _ => r with { Points = Corners(Scale(r.Bounds, 0.6)) },
    };

    public static string Word(Random rng) =>
        new(Enumerable.Range(0, rng.Next(4, 12)).Select(_ => Letters[rng.Next(Letters.Length)]).ToArray());

    public static string Typo(string text, Random rng)
    {
        var chars = text.ToCharArray();
        var i = rng.Next(chars.Length);
        chars[i] = chars[i] == 'X' ? 'Y' : 'X';
        return new string(chars);
    }

    public static Box Scale(Box b, double areaFactor)
    {
        var f = Math.Sqrt(areaFactor);
        var (w, h) = (b.Width * f, b.Height * f);
        return new Box(b.X + (b.Width - w) / 2, b.Y + (b.Height - h) / 2, w, h);
    }

    public static IReadOnlyList<Point2> Corners(Box b) => [new(b.X, b.Y), new(b.Right, b.Bottom)];
}
