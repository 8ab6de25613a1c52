using System.Text.Json;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>What the recogniser says about one line, the inputs of its calibrated confidence.</summary>
public readonly record struct LineEvidence(double MeanCharProbability, double MinCharProbability, int Length, double WidestGap)
{
    public static LineEvidence Of(RecognizedText r) =>
        new(r.Confidence, r.CharConfidences.Count == 0 ? 0 : r.CharConfidences.Min(), r.Text.Length, r.WidestGap);

    /// <summary>The features of the logistic model, the intercept first.</summary>
    public double[] Features() =>
    [
        1, Logit(MeanCharProbability), Logit(MinCharProbability), Math.Log(1 + Length), Math.Log(Math.Max(1, WidestGap)),
    ];

    static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return Math.Log(q / (1 - q));
    }
}

/// <summary>
/// Turns a line's evidence into the probability that the line is read exactly right: a logistic model fitted on
/// rendered English text (<c>calibrate-ocr</c>), so "95 %" means about 95 of 100 such lines need no edit. The raw
/// mean character probability says 99 % of lines that lost a space.
/// </summary>
/// <param name="SuspectGap">A step gap this many pitches wide between two characters is taken for a lost space.</param>
/// <param name="SuspectedExact">The share of lines with a suspected lost space (by gap or by <see cref="LostSpace"/>) that were exactly right: their confidence is at most this.</param>
public sealed record LineConfidence(double[] Weights, string FittedOn, double SuspectGap = 99, double SuspectedExact = 1)
{
    public static readonly string[] FeatureNames = ["intercept", "logit mean char p", "logit min char p", "ln(1 + length)", "ln widest gap (pitches)"];

    /// <summary>Where a lost space is suspected in the line (the character before it), or −1.</summary>
    public int SuspectedLostSpace(string text, RecognizedText r) =>
        r.WidestGap >= SuspectGap && r.WidestGapAfter >= 0 ? r.WidestGapAfter : LostSpace.Find(text);

    public double Probability(LineEvidence e)
    {
        var x = e.Features();
        double z = 0;
        for (int i = 0; i < x.Length; i++) z += Weights[i] * x[i];
        return 1 / (1 + Math.Exp(-z));
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LineConfidence Read(string path)
    {
        var c = JsonSerializer.Deserialize<LineConfidence>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        if (c.Weights is null || c.Weights.Length != FeatureNames.Length || c.Weights.Any(w => !double.IsFinite(w)))
            throw new InvalidDataException($"{path}: expected {FeatureNames.Length} finite weights.");
        if (!(c.SuspectGap > 0) || !(c.SuspectedExact is >= 0 and <= 1))
            throw new InvalidDataException($"{path}: suspectGap must be above 0 and suspectedExact within 0–1.");
        return c;
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>
    /// Logistic regression by Newton's method (iteratively reweighted least squares) with a small ridge penalty, which
    /// keeps the weights finite when the training lines separate perfectly.
    /// </summary>
    public static LineConfidence Fit(IReadOnlyList<(LineEvidence Evidence, bool Exact)> samples, string fittedOn, double suspectGap, double suspectedExact = 1, double ridge = 1e-2)
    {
        var n = LineConfidence.FeatureNames.Length;
        var w = new double[n];
        var xs = samples.Select(s => s.Evidence.Features()).ToArray();
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            for (int k = 0; k < xs.Length; k++)
            {
                var x = xs[k];
                double z = 0;
                for (int i = 0; i < n; i++) z += w[i] * x[i];
                var p = 1 / (1 + Math.Exp(-z));
                var y = samples[k].Exact ? 1.0 : 0.0;
                for (int i = 0; i < n; i++)
                {
                    gradient[i] += (p - y) * x[i];
                    for (int j = 0; j < n; j++) hessian[i, j] += p * (1 - p) * x[i] * x[j];
                }
            }
            for (int i = 1; i < n; i++) { gradient[i] += ridge * w[i]; hessian[i, i] += ridge; }
            hessian[0, 0] += 1e-9;
            var step = Solve(hessian, gradient);
            double size = 0;
            for (int i = 0; i < n; i++) { w[i] -= step[i]; size += Math.Abs(step[i]); }
            if (size < 1e-8) break;
        }
        return new LineConfidence(w, fittedOn, suspectGap, suspectedExact);
    }

    static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            var pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            for (int k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            if (Math.Abs(m[col, col]) < 1e-12) continue;
            for (int r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (int k = col; k < n; k++) m[r, k] -= f * m[col, k];
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] = Math.Abs(m[r, r]) < 1e-12 ? 0 : x[r] / m[r, r];
        }
        return x;
    }
}
