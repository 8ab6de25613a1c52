namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// Recognised text with its confidence (mean of the kept steps' top probabilities), each character's, and the
/// widest step gap between two characters with no space between them, in character pitches (a likely lost space).
/// </summary>
public sealed record RecognizedText(string Text, double Confidence, IReadOnlyList<double> CharConfidences, double WidestGap = 0, int WidestGapAfter = -1);

/// <summary>
/// Greedy CTC decoding for PP-OCR recognition output: argmax per time step, drop the blank (class 0),
/// merge repeats. Class i (1-based) is key i−1; the class after the last key is the space.
/// </summary>
public sealed class CtcDecoder(IReadOnlyList<string> keys)
{
    public static CtcDecoder FromFile(string path) =>
        new(File.ReadAllLines(path).Select(l => l.TrimEnd('\r', '\n')).ToList());

    public int ClassCount => keys.Count + 2;

    public RecognizedText Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new System.Text.StringBuilder();
        var confidences = new List<double>();
        var at = new List<int>();
        var previous = -1;
        for (int t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            if (best != 0 && best != previous)
            {
                text.Append(best - 1 < keys.Count ? keys[best - 1] : " ");
                confidences.Add(row[best]);
                at.Add(t);
            }
            previous = best;
        }
        var s = text.ToString();
        var (gap, after) = WidestGap(s, at);
        return new RecognizedText(s, confidences.Count == 0 ? 0 : confidences.Average(), confidences, gap, after);
    }

    /// <summary>
    /// The widest step gap between neighbouring non-space characters over the line's median pitch, and the index of
    /// the character before it. A space the recogniser left out still shows as time between two characters.
    /// </summary>
    static (double Gap, int After) WidestGap(string text, List<int> at)
    {
        if (text.Length != at.Count || text.Length < 3) return (0, -1);
        var pitches = new List<(int Gap, int After)>();
        for (int i = 0; i + 1 < text.Length; i++)
            if (text[i] != ' ' && text[i + 1] != ' ') pitches.Add((at[i + 1] - at[i], i));
        if (pitches.Count < 2) return (0, -1);
        var sorted = pitches.Select(p => p.Gap).Order().ToList();
        var median = Math.Max(1, sorted[sorted.Count / 2]);
        var widest = pitches.MaxBy(p => p.Gap);
        return ((double)widest.Gap / median, widest.After);
    }
}
