using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Data;

/// <summary>Freezes a task's regions as its next immutable revision: the one way a revision is written.</summary>
public static class Revisions
{
    /// <returns>The new revision's number.</returns>
    public static async Task<int> FreezeAsync(WorkbenchDb db, int taskId, string by, DateTime at, IReadOnlyList<Domain.Regions.RegionData> regions,
        CancellationToken ct, double? workSeconds = null)
    {
        var number = (await db.Revisions.Where(r => r.TaskId == taskId).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        // Revisions added but not yet saved in this context count too.
        number = Math.Max(number, db.Revisions.Local.Where(r => r.TaskId == taskId).Select(r => r.Number + 1).DefaultIfEmpty(1).Max());
        db.Revisions.Add(new TaskRevision
        {
            TaskId = taskId, Number = number, SubmittedBy = by, SubmittedAt = at, RegionCount = regions.Count,
            Regions = regions.Select(r => r with { Pending = false }).ToList(), WorkSeconds = workSeconds,
        });
        return number;
    }
}
