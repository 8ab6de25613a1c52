namespace LabelerWorkbench.Domain.Quality.Sampling;

/// <summary>A reviewed submission: whether the reviewer found it error-free, and how likely it was to be sampled.</summary>
public sealed record ReviewedSample(bool Clean, double SampleProbability);

/// <param name="Quality">Estimated share of accepted tasks without any error.</param>
public sealed record QualityEstimate(double Quality, double Low, double High, int Accepted, int Reviewed, double EffectiveSampleSize);

/// <summary>
/// The lead's headline number: the share of accepted tasks that are error-free. Reviewed tasks were fixed, so
/// they count as clean; the unreviewed rest is estimated from the reviewed sample, each weighted by the inverse of
/// its sampling probability (new and flagged labelers are over-sampled and would otherwise drag the estimate down).
/// The interval is a Wilson score interval on the Kish effective sample size.
/// </summary>
public static class AcceptedQualityEstimate
{
    public static QualityEstimate Estimate(int acceptedTotal, IReadOnlyList<ReviewedSample> reviewed, double z = 1.96)
    {
        if (reviewed.Count == 0) return new QualityEstimate(double.NaN, 0, 1, acceptedTotal, 0, 0);
        var weights = reviewed.Select(r => 1 / Math.Max(r.SampleProbability, 1e-6)).ToArray();
        var sumW = weights.Sum();
        var clean = reviewed.Select((r, i) => r.Clean ? weights[i] : 0).Sum() / sumW;
        var effective = sumW * sumW / weights.Sum(w => w * w);
        var (low, high) = Wilson(clean, effective, z);
        var unreviewedShare = acceptedTotal == 0 ? 0 : Math.Max(0, acceptedTotal - reviewed.Count) / (double)acceptedTotal;
        double Blend(double q) => 1 - unreviewedShare * (1 - q);
        return new QualityEstimate(Blend(clean), Blend(low), Blend(high), acceptedTotal, reviewed.Count, effective);
    }

    public static (double Low, double High) Wilson(double p, double n, double z = 1.96)
    {
        if (n <= 0) return (0, 1);
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
