namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>
/// The team's rate for one error type: where every labeler's estimate starts. Before the team has any checks of a
/// type the rate is <see cref="Fallback"/>; it is kept off 0 and 1 so a prior never rules a rate out.
/// </summary>
public static class TeamPrior
{
    /// <summary>The rate assumed for an error type nobody has been checked on yet.</summary>
    public const double Fallback = 0.03;

    public static double Rate(double errors, double opportunities) =>
        Math.Clamp(opportunities > 0 ? errors / opportunities : Fallback, 0.005, 0.5);
}
