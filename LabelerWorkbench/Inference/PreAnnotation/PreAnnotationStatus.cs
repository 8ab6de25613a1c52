using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Inference.PreAnnotation;

public sealed record PreAnnotationCounts(int Queued, int Done, int Failed)
{
    public int Total => Queued + Done + Failed;
}

public sealed record PreAnnotationFailure(int TaskId, string FileName, string Error);

/// <summary>What the lead sees of a project's pre-annotation: counts and the failures with their reasons.</summary>
public sealed class PreAnnotationStatus(IDbContextFactory<WorkbenchDb> dbFactory)
{
    public async Task<PreAnnotationCounts> CountsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byState = await db.Tasks.Where(t => t.ProjectId == projectId)
            .GroupBy(t => t.PreAnnotation).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(PreAnnotationState s) => byState.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new(Count(PreAnnotationState.Queued), Count(PreAnnotationState.Done), Count(PreAnnotationState.Failed));
    }

    public async Task<IReadOnlyList<PreAnnotationFailure>> FailuresAsync(int projectId, int most = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tasks.Where(t => t.ProjectId == projectId && t.PreAnnotation == PreAnnotationState.Failed)
            .OrderByDescending(t => t.Id).Take(most)
            .Select(t => new PreAnnotationFailure(t.Id, t.FileName, t.PreAnnotationError ?? "")).ToListAsync(ct);
    }
}
