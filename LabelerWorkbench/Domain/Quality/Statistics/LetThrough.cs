namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>
/// A reviewer's blind spot for one error type: the share of errors their reviews let through, measured on gold
/// copies routed to them and smoothed toward <see cref="Unknown"/> until measured. Routing minimises it; the
/// monitor weighs a reviewer's clean reviews by 1 − it.
/// </summary>
public static class LetThrough
{
    /// <summary>With no evidence a reviewer is assumed to let through this share of any error type.</summary>
    public const double Unknown = 0.3;
    const double PriorWeight = 4;

    public static double Rate(double missed, double present) => (missed + Unknown * PriorWeight) / (present + PriorWeight);
}
