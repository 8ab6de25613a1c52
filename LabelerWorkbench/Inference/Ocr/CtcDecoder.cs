namespace LabelerWorkbench.Inference.Ocr;

/// <summary>Recognised text with its confidence (mean of the kept steps' top probabilities) and each character's.</summary>
public sealed record RecognizedText(string Text, double Confidence, IReadOnlyList<double> CharConfidences);

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
            }
            previous = best;
        }
        return new RecognizedText(text.ToString(), confidences.Count == 0 ? 0 : confidences.Average(), confidences);
    }
}
