using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Tests.Inference;

public class LineConfidenceTests
{
    /// <summary>
    /// Lines whose chance of being right depends on the recogniser's evidence in a known way: a wide CTC gap (a lost
    /// space) makes a line wrong whatever its character probabilities say; otherwise the mean probability decides.
    /// </summary>
    private static List<(LineEvidence, bool)> Lines(int seed, int count)
    {
        var rng = new Random(seed);
        var lines = new List<(LineEvidence, bool)>();
        for (int i = 0; i < count; i++)
        {
            var mean = 0.7 + 0.3 * rng.NextDouble();
            var gap = rng.NextDouble() < 0.1 ? 2.5 + rng.NextDouble() : 1 + 0.5 * rng.NextDouble();
            var right = gap < 2 && rng.NextDouble() < (mean - 0.7) / 0.3;
            lines.Add((new LineEvidence(mean, mean - 0.1, 10 + rng.Next(20), gap), right));
        }
        return lines;
    }

    [Fact]
    public void TheFittedConfidence_MatchesHowOftenLinesAreRight_AndDistrustsALostSpace()
    {
        var fitted = LineConfidence.Fit(Lines(1, 4000), "test", suspectGap: 2);
        var heldOut = Lines(2, 4000);
        // Among lines shown at 80 % or more, the share right is near the mean confidence shown.
        var high = heldOut.Where(l => fitted.Probability(l.Item1) >= 0.8).ToList();
        Assert.True(high.Count > 200, $"{high.Count} lines at 80 % or more");
        var shown = high.Average(l => fitted.Probability(l.Item1));
        var right = high.Count(l => l.Item2) / (double)high.Count;
        Assert.InRange(right, shown - 0.05, shown + 0.05);
        // A line at 99 % character probability with a lost space is not shown as likely right (here 39 %, clean 94 %).
        var lost = fitted.Probability(new LineEvidence(0.99, 0.89, 20, 3.0));
        var clean = fitted.Probability(new LineEvidence(0.99, 0.89, 20, 1.2));
        Assert.True(lost < 0.5 && clean > 0.8, $"with a lost space {lost:P1}, without {clean:P1}");
    }

    [Fact]
    public void AWrittenCalibration_ReadsBackTheSame_AndABrokenOneIsRefused()
    {
        var path = Path.GetTempFileName();
        try
        {
            var fitted = LineConfidence.Fit(Lines(3, 500), "test", suspectGap: 2.2);
            fitted.Write(path);
            var read = LineConfidence.Read(path);
            Assert.Equal(fitted.Weights, read.Weights);
            Assert.Equal(2.2, read.SuspectGap);
            File.WriteAllText(path, """{ "weights": [1, 2], "fittedOn": "x" }""");
            Assert.Throws<InvalidDataException>(() => LineConfidence.Read(path));
        }
        finally { File.Delete(path); }
    }
}

public class LostSpaceTests
{
    [Theory]
    [InlineData("Name:AdaLovelace", 4)]
    [InlineData("Ada Lovelace:London", 12)]
    [InlineData("polygon57337shelf", 6)]
    [InlineData("Receipt004817", 6)]
    [InlineData("Total 128.40 EUR", -1)]
    [InlineData("Name: Ada Lovelace", -1)]
    [InlineData("Parcel weight 2.5kg", -1)]
    [InlineData("Postcode: AB12 3CD", -1)]
    [InlineData("INVOICE 2026-0193", -1)]
    [InlineData("streetgrandstreetprice", 6)]
    [InlineData("Thank you for shopping!", -1)]
    [InlineData("Open daily 7am - 6pm", -1)]
    public void WordsRunTogether_AreFound_WhereRealTextIsLeftAlone(string text, int before)
    {
        Assert.Equal(before, LostSpace.Find(text));
    }
}
