using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Quality.Sampling;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Gold;

/// <summary>Reads what the adaptive gold rate weighs, from every submission of a project (not only checked ones).</summary>
public static class LabelerEvidenceQuery
{
    /// <summary>Suggestions under this confidence count as low-confidence (as the annotate page marks them).</summary>
    public const double LowConfidence = 0.8;

    /// <summary>Behaviour per labeler, and the team's under the key "". Aggregated in the database: one row per labeler.</summary>
    public static async Task<IReadOnlyDictionary<string, BehaviourSignals>> BehaviourAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        var work = await db.Revisions.AsNoTracking().Where(r => r.Number == 1)
            .Join(db.Tasks.Where(t => t.ProjectId == projectId && !t.IsGold && t.ReplicasWanted == 0), r => r.TaskId, t => t.Id, (r, t) => r)
            .GroupBy(r => r.SubmittedBy)
            .Select(g => new
            {
                Labeler = g.Key, Submissions = g.Count(),
                Seconds = g.Sum(r => r.WorkSeconds > 0 && r.RegionCount > 0 ? r.WorkSeconds!.Value : 0),
                Regions = g.Sum(r => r.WorkSeconds > 0 && r.RegionCount > 0 ? r.RegionCount : 0),
            }).ToListAsync(ct);
        var outcomes = await db.SuggestionOutcomes.AsNoTracking()
            .Join(db.Tasks.Where(t => t.ProjectId == projectId), o => o.TaskId, t => t.Id, (o, t) => o)
            .Join(db.Suggestions, o => o.SuggestionId, s => s.Id, (o, s) => new { o.DecidedBy, o.Outcome, Low = s.Confidence < LowConfidence })
            .GroupBy(o => new { o.DecidedBy, o.Low })
            .Select(g => new { g.Key.DecidedBy, g.Key.Low, Count = g.Count(), Kept = g.Count(o => o.Outcome == SuggestionOutcomeKind.Kept) })
            .ToListAsync(ct);
        BehaviourSignals Of(string? labeler)
        {
            var mine = work.Where(w => labeler is null || w.Labeler == labeler).ToList();
            var decided = outcomes.Where(o => labeler is null || o.DecidedBy == labeler).ToList();
            var low = decided.Where(o => o.Low).ToList();
            var regions = mine.Sum(w => w.Regions);
            return new BehaviourSignals(mine.Sum(w => w.Submissions), decided.Sum(o => o.Count),
                Share(decided.Sum(o => o.Kept), decided.Sum(o => o.Count)),
                low.Sum(o => o.Count), Share(low.Sum(o => o.Kept), low.Sum(o => o.Count)),
                regions == 0 ? 0 : mine.Sum(w => w.Seconds) / regions);
        }
        var result = work.Select(w => w.Labeler).Concat(outcomes.Select(o => o.DecidedBy)).Distinct()
            .ToDictionary(id => id, id => Of(id));
        result[""] = Of(null);
        return result;
    }

    public static async Task<LabelerEvidence> ForAsync(WorkbenchDb db, int projectId, string labelerId, int cleanStreak, CancellationToken ct)
    {
        var gold = await db.QualityChecks.CountAsync(c => c.ProjectId == projectId && c.SubjectId == labelerId && c.Kind == QualityCheckKind.Gold, ct);
        var record = await QualityProfiles.LabelerRecordAsync(db, projectId, labelerId, cleanStreak, ct);
        var behaviour = await BehaviourAsync(db, projectId, ct);
        return new LabelerEvidence(gold, record.Flagged, record.CleanChecksInARow, behaviour.GetValueOrDefault(labelerId, BehaviourSignals.None), behaviour[""]);
    }

    static double Share(int part, int total) => total == 0 ? 0 : (double)part / total;
}
