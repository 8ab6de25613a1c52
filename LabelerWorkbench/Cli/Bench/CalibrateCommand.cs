using System.Globalization;
using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// <c>calibrate-ocr [--pages N] [--seed S] [--fonts DIR] [--out FILE] [OCR settings]</c>: reads rendered English
/// pages (half of them dense) whose text is known, fits the line confidence (<see cref="LineConfidence"/>) to whether
/// each matched line was read exactly, picks the step gap that marks a lost space, and prints a reliability table
/// on as many other pages (another seed), raw against calibrated. With --out it writes the fitted file.
/// </summary>
public static class CalibrateCommand
{
    const int MinWrongLines = 20;

    static readonly (double Low, double High)[] Bins = [(0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.0001)];

    public static int Run(string[] args)
    {
        var pages = CliArgs.IntOption(args, "--pages", 100, 10, 100_000);
        var seed = CliArgs.IntOption(args, "--seed", 1);
        var output = CliArgs.PathOption(args, "--out");
        var fonts = TextBench.Fonts(args);
        var (registry, engine) = OcrCliOptions.Open(args);
        using var _ = registry;
        engine.Calibration = null;
        var raw = Read(engine, new Random(seed), pages, fonts, null);
        var suspectGap = SuspectGap(raw);
        bool Suspected(Line l) => l.Evidence.WidestGap >= suspectGap || l.TextJoin;
        var suspected = raw.Where(Suspected).ToList();
        // Laplace's rule of succession: a handful of such lines, none right, is not a certainty of 0 %.
        var suspectedExact = (suspected.Count(l => l.Exact) + 1.0) / (suspected.Count + 2);
        var fitted = LineConfidence.Fit(raw.Select(l => (l.Evidence, l.Exact)).ToList(),
            FormattableString.Invariant($"{raw.Count} lines of {pages} rendered pages (seed {seed}, {fonts.Count} fonts), {DateTime.UtcNow:yyyy-MM-dd}"), suspectGap, suspectedExact);
        double Shown(Line l) => Suspected(l) ? Math.Min(fitted.SuspectedExact, fitted.Probability(l.Evidence)) : fitted.Probability(l.Evidence);
        var heldOut = Read(engine, new Random(seed + 1000), pages, fonts, null);

        Console.WriteLine(FormattableString.Invariant($"Fitted on {raw.Count} lines ({raw.Count(l => !l.Exact)} not exact); checked on {heldOut.Count} other lines ({heldOut.Count(l => !l.Exact)} not exact), seed {seed + 1000}"));
        Console.WriteLine(FormattableString.Invariant($"Weights: {string.Join(", ", LineConfidence.FeatureNames.Zip(fitted.Weights, (n, w) => $"{n} {w:0.###}"))}"));
        var lostSpace = heldOut.Where(l => l.LostSpacesOnly).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"Lost-space mark (a gap ≥ {suspectGap:0.##} pitches, or words run together): {lostSpace.Count(Suspected)} of {lostSpace.Count} lines that lost only spaces, {heldOut.Count(l => l.Exact && Suspected(l))} of {heldOut.Count(l => l.Exact)} exact lines; such lines are shown at most {suspectedExact:P0} ({suspected.Count(l => l.Exact)} of {suspected.Count} right when fitted, smoothed)"));
        Console.WriteLine();
        Console.WriteLine("| confidence shown | lines (raw) | exactly right (raw) | lines (calibrated) | exactly right (calibrated) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (low, high) in Bins)
        {
            var r = heldOut.Where(l => l.Evidence.MeanCharProbability >= low && l.Evidence.MeanCharProbability < high).ToList();
            var c = heldOut.Where(l => Shown(l) is var p && p >= low && p < high).ToList();
            Console.WriteLine(FormattableString.Invariant($"| {low:P0}–{Math.Min(1, high):P0} | {r.Count} | {Share(r)} | {c.Count} | {Share(c)} |"));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"Expected calibration error: raw {Ece(heldOut, l => l.Evidence.MeanCharProbability):P2}, calibrated {Ece(heldOut, Shown):P2}"));
        foreach (var threshold in new[] { 0.9, 0.95 })
        {
            var rawAccepted = heldOut.Where(l => l.Evidence.MeanCharProbability >= threshold).ToList();
            var calAccepted = heldOut.Where(l => Shown(l) >= threshold).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"Accept all ≥ {threshold:P0}: raw takes {rawAccepted.Count} lines, {Share(rawAccepted)} right; calibrated takes {calAccepted.Count}, {Share(calAccepted)} right"));
        }
        if (output is not null && raw.Count(l => !l.Exact) < MinWrongLines)
        {
            Console.Error.WriteLine($"Not written: only {raw.Count(l => !l.Exact)} of {raw.Count} lines were read wrong, too few to fit how confidence relates to errors (at least {MinWrongLines}); use more --pages or harder --fonts.");
            return 1;
        }
        if (output is not null)
        {
            fitted.Write(output);
            Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
        }
        return 0;
    }

    sealed record Line(LineEvidence Evidence, bool Exact, bool LostSpacesOnly, bool TextJoin);

    static List<Line> Read(OcrEngine engine, Random rng, int pages, IReadOnlyList<string> fonts, object? _)
    {
        var lines = new List<Line>();
        for (int p = 0; p < pages; p++)
        {
            var (image, truth) = TextBench.Page(rng, fonts, dense: p % 2 == 1);
            using (image)
            {
                var result = engine.Run(image);
                foreach (var (text, box) in truth)
                {
                    var best = result.Regions.Select(r => (r, IoU: PolygonMath.IoU(r.Polygon, box.Corners()))).MaxBy(x => x.IoU);
                    if (best.r is null || best.IoU < 0.5) continue;
                    var read = best.r.Text;
                    var evidence = new LineEvidence(best.r.RawConfidence, best.r.CharConfidences.DefaultIfEmpty(0).Min(), read.Length, best.r.WidestGap);
                    lines.Add(new Line(evidence, read == text, read != text && read.Replace(" ", "") == text.Replace(" ", ""), LostSpace.Find(read) >= 0));
                }
            }
            ProgressBar.Draw(p + 1, pages, "pages");
        }
        Console.Error.WriteLine();
        return lines;
    }

    /// <summary>The smallest gap at which at least a third of the lines marked truly lost a space (none: 99, never).</summary>
    static double SuspectGap(IReadOnlyList<Line> lines)
    {
        foreach (var gap in Enumerable.Range(12, 29).Select(i => i / 10.0))
        {
            var marked = lines.Where(l => l.Evidence.WidestGap >= gap).ToList();
            if (marked.Count >= 3 && marked.Count(l => l.LostSpacesOnly) >= marked.Count / 3.0) return gap;
        }
        return 99;
    }

    static string Share(IReadOnlyList<Line> lines) =>
        lines.Count == 0 ? "—" : ((double)lines.Count(l => l.Exact) / lines.Count).ToString("P1", CultureInfo.InvariantCulture);

    static double Ece(IReadOnlyList<Line> lines, Func<Line, double> predicted) =>
        Bins.Sum(b =>
        {
            var inBin = lines.Where(l => predicted(l) >= b.Low && predicted(l) < b.High).ToList();
            if (inBin.Count == 0) return 0;
            return (double)inBin.Count / lines.Count * Math.Abs(inBin.Average(predicted) - inBin.Count(l => l.Exact) / (double)inBin.Count);
        });
}
