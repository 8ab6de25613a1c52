namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>The Beta distribution's cumulative probability, via the regularised incomplete beta function.</summary>
public readonly record struct BetaDistribution(double Alpha, double Beta)
{
    public double Mean => Alpha / (Alpha + Beta);

    /// <summary>P(X ≤ x).</summary>
    public double Cdf(double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var lnFront = LogGamma(Alpha + Beta) - LogGamma(Alpha) - LogGamma(Beta) + Alpha * Math.Log(x) + Beta * Math.Log(1 - x);
        var front = Math.Exp(lnFront);
        // The continued fraction converges fast on this side of the mean; use the symmetry otherwise.
        return x < (Alpha + 1) / (Alpha + Beta + 2)
            ? front * ContinuedFraction(Alpha, Beta, x) / Alpha
            : 1 - front * ContinuedFraction(Beta, Alpha, 1 - x) / Beta;
    }

    /// <summary>P(X &gt; x).</summary>
    public double ProbabilityAbove(double x) => 1 - Cdf(x);

    /// <summary>The central interval holding <paramref name="mass"/> of the probability, by bisection on the CDF.</summary>
    public (double Low, double High) CredibleInterval(double mass = 0.95) =>
        (Quantile((1 - mass) / 2), Quantile(1 - (1 - mass) / 2));

    public double Quantile(double p)
    {
        double lo = 0, hi = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    // Lentz's method for the continued fraction of the incomplete beta function.
    static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300, eps = 1e-14;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d; h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < eps) break;
        }
        return h;
    }

    // Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for positive arguments.
    static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
