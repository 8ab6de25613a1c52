using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Tests.Inference;

public class CtcDecoderTests
{
    // Keys a, b, c → classes: 0 blank, 1 a, 2 b, 3 c, 4 space.
    private static readonly CtcDecoder Decoder = new(["a", "b", "c"]);

    private static float[] Steps(params (int Class, float P)[] steps)
    {
        var probs = new float[steps.Length * 5];
        for (int t = 0; t < steps.Length; t++)
        {
            for (int c = 0; c < 5; c++) probs[t * 5 + c] = (1 - steps[t].P) / 4;
            probs[t * 5 + steps[t].Class] = steps[t].P;
        }
        return probs;
    }

    [Fact]
    public void Decode_MergesRepeatsAndDropsBlanks()
    {
        var probs = Steps((1, 0.9f), (1, 0.8f), (0, 0.9f), (1, 0.7f), (2, 0.9f), (4, 0.6f), (3, 0.5f), (3, 0.9f));
        var result = Decoder.Decode(probs, 8, 5);
        Assert.Equal("aab c", result.Text);
        // Kept steps: a 0.9, a 0.7, b 0.9, space 0.6, c 0.5 (the first of the merged run).
        Assert.Equal([0.9, 0.7, 0.9, 0.6, 0.5], result.CharConfidences.Select(c => Math.Round(c, 2)));
        Assert.Equal((0.9 + 0.7 + 0.9 + 0.6 + 0.5) / 5, result.Confidence, 5);
    }

    [Fact]
    public void Decode_OfOnlyBlanks_IsEmptyWithZeroConfidence()
    {
        var result = Decoder.Decode(Steps((0, 0.99f), (0, 0.99f)), 2, 5);
        Assert.Equal("", result.Text);
        Assert.Equal(0, result.Confidence);
        Assert.Equal(5, Decoder.ClassCount);
    }

    [Fact]
    public void AWideGapBetweenTwoCharacters_WithNoSpaceBetween_IsMeasuredInPitches()
    {
        // "abcab": characters every 3 steps, except 9 steps between the first "c" and the second "a" (a lost space).
        var steps = new List<(int, float)>();
        foreach (var (cls, pause) in new[] { (1, 2), (2, 2), (3, 8), (1, 2), (2, 0) })
        {
            steps.Add((cls, 0.99f));
            for (int i = 0; i < pause; i++) steps.Add((0, 0.99f));
        }
        var result = Decoder.Decode(Steps(steps.ToArray()), steps.Count, 5);
        Assert.Equal("abcab", result.Text);
        Assert.Equal(3.0, result.WidestGap, 3);
        Assert.Equal(2, result.WidestGapAfter);

        // With the space read, the gap holds a space and nothing is suspected.
        var spaced = Steps((1, 0.9f), (0, 0.9f), (0, 0.9f), (2, 0.9f), (0, 0.9f), (0, 0.9f), (4, 0.9f), (0, 0.9f), (0, 0.9f), (3, 0.9f), (0, 0.9f), (0, 0.9f), (1, 0.9f));
        var read = Decoder.Decode(spaced, 13, 5);
        Assert.Equal("ab ca", read.Text);
        Assert.True(read.WidestGap <= 1.0, $"gap {read.WidestGap}");
    }
}
