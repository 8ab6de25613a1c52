namespace LabelerWorkbench.Features.Annotate;

/// <summary>
/// One writer per task at a time within this process. Two saves of one task racing (two tabs, a retrying
/// script) would otherwise both read the same version and one would fail on the concurrency token or on a
/// region both tried to add. Across several app nodes the optimistic token still decides, and the loser is
/// told so with a 409, never a 500.
/// </summary>
public sealed class TaskWriteGate : KeyedGate<int>;
