using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Editor.Document;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Training;

public sealed record AssignmentView(int Id, int ProjectId, ErrorCode Code, string Title, TrainingMode Mode, TrainingStatus Status, int Attempts, double? BestScore, DateTime AssignedAt);

/// <summary>The result of one practice task: the scorer's region checks, and the share of them without an error.</summary>
public sealed record PracticeResult(ScoreResult Score, double Share)
{
    /// <summary>
    /// Per region, not per opportunity: a region has several chances to go wrong, so counting opportunities
    /// would let a labeler who skipped half the lines still score over 85 %.
    /// </summary>
    public static double ShareOf(ScoreResult score) =>
        score.Regions.Count == 0 ? 1 : (double)score.Regions.Count(r => r.Errors.Count == 0) / score.Regions.Count;
}

/// <summary>A labeler's training assignments: showing, dismissing (nudges only), and scoring practice with the gold scorer.</summary>
public sealed class TrainingService(IDbContextFactory<WorkbenchDb> dbFactory, TrainingLibrary library, TimeProvider time)
{
    public async Task<IReadOnlyList<AssignmentView>> OpenAsync(string userId, int? projectId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TrainingAssignments.AsNoTracking()
            .Where(a => a.LabelerId == userId && a.Status == TrainingStatus.Assigned && (projectId == null || a.ProjectId == projectId))
            .OrderBy(a => a.AssignedAt).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<AssignmentView?> GetAsync(int assignmentId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.TrainingAssignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId && a.LabelerId == userId, ct);
        return a is null ? null : View(a);
    }

    /// <summary>Puts a nudge aside; a must-complete module cannot be dismissed.</summary>
    public async Task<string?> DismissAsync(int assignmentId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.TrainingAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.LabelerId == userId, ct);
        if (a is null) return "No such training.";
        if (a.Mode == TrainingMode.MustComplete) return "This training must be completed before your next task.";
        if (a.Status == TrainingStatus.Assigned) a.Status = TrainingStatus.Dismissed;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Scores one practice task of a module against its answer, with the same scorer as gold tasks.</summary>
    public static PracticeResult ScorePractice(TrainingModule module, int index, IReadOnlyList<RegionData> submitted)
    {
        var task = module.Practice[index];
        var suggestions = module.Regions(task.Suggestions, RegionSource.Model, pending: true);
        var kept = SuggestionReview.Classify(
                suggestions, submitted)
            .Where(d => d.Verdict == SuggestionVerdict.Kept).Select(d => d.SuggestionId).ToHashSet();
        var score = SubmissionScorer.Score(submitted, module.Regions(task.Answer, RegionSource.Reviewer, pending: false), suggestions, kept, ScoringThresholds.Default);
        return new PracticeResult(score, PracticeResult.ShareOf(score));
    }

    /// <summary>Records a finished attempt scored as one share; passing completes the assignment.</summary>
    public Task<bool> RecordAttemptAsync(int assignmentId, string userId, double share, CancellationToken ct = default) =>
        RecordAttemptAsync(assignmentId, userId, [share], ct);

    /// <summary>
    /// Records a finished attempt (every practice task answered, with the share it ended on); it passes, and
    /// completes the assignment, only when every task reached the pass mark.
    /// </summary>
    public async Task<bool> RecordAttemptAsync(int assignmentId, string userId, IReadOnlyList<double> stepShares, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.TrainingAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.LabelerId == userId, ct);
        if (a is null) return false;
        var module = library.Load(a.ModuleId);
        var (share, allPassed) = PracticeFeedback.Outcome(stepShares, module?.PassMark ?? 1);
        a.Attempts++;
        a.BestScore = Math.Max(a.BestScore ?? 0, share);
        var passed = module is not null && allPassed;
        if (passed)
        {
            a.Status = TrainingStatus.Passed;
            a.CompletedAt = time.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
        return passed;
    }

    AssignmentView View(TrainingAssignment a) =>
        new(a.Id, a.ProjectId, a.Code, library.Load(a.ModuleId)?.Title ?? a.Code.Title(), a.Mode, a.Status, a.Attempts, a.BestScore, a.AssignedAt);
}
