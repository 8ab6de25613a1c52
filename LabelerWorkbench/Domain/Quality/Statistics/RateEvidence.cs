namespace LabelerWorkbench.Domain.Quality.Statistics;

/// <summary>
/// One check's evidence about one error type: errors found out of opportunities, by a checker who catches an
/// error with probability <see cref="Sensitivity"/> (gold scoring: 1; a reviewer: 1 − their measured let-through
/// rate). An error that was found is evidence in full; an opportunity without a finding only as far as the checker
/// would have seen an error there (Dawid–Skene): a clean review by someone who misses half of the errors of a type
/// is worth half a clean gold check, and one by someone who never catches it is worth nothing.
/// </summary>
public readonly record struct RateEvidence(ErrorCode Code, int Errors, int Opportunities, double Sensitivity = 1)
{
    /// <summary>Opportunities the check really examined.</summary>
    public double Effective => Errors + Math.Clamp(Sensitivity, 0, 1) * Math.Max(0, Opportunities - Errors);
}
