using System.Text.Json;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Consensus;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Live;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Review;

public sealed record ReviewQueueItem(int TaskId, string ProjectName, string FileName, string LabelerName, DateTime? SubmittedAt, int Regions);

/// <summary>What the labeler did with one model suggestion, for the reviewer.</summary>
public sealed record SuggestionChange(Guid SuggestionId, string Text, SuggestionOutcomeKind Outcome, bool Geometry, bool Label, bool TextChanged);

public sealed record ReviewSession(
    int TaskId, int ProjectId, string ProjectName, string FileName, string ImageSha256, int Width, int Height,
    LabelSchema Schema, string LabelerId, string LabelerName, int RevisionNumber, IReadOnlyList<RegionData> Submitted,
    IReadOnlyList<SuggestionChange> SuggestionChanges, ScoringThresholds Thresholds, ConsensusReview? Consensus = null)
{
    /// <summary>The merge of several labelers' replicas: there is no single labeler to return it to.</summary>
    public bool IsMerged => Consensus is not null;
}


/// <summary>
/// The reviewer's side of QA: their queue of routed submissions, a review session, and the verdict. A verdict
/// stores the tagged fixes, records quality events for the labeler (and, on a gold copy, an audit of the
/// reviewer), then accepts the task (freezing the reviewer's corrections as a new revision) or returns it.
/// </summary>
public sealed class ReviewService(IDbContextFactory<WorkbenchDb> dbFactory, ProjectAccess access, IQualityEventQueue monitor, INotificationHub hub, DomainEvents events, TimeProvider time)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ReviewQueueItem>> QueueAsync(string reviewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Tasks.AsNoTracking().Where(t => t.Status == LabelTaskStatus.InReview && t.ReviewerId == reviewerId)
            .OrderBy(t => t.SubmittedAt).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id, t.FileName, t.SubmittedAt, t.LabeledBy,
                Project = db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).First(),
                Regions = db.Revisions.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.Number).Select(r => r.RegionCount).First(),
            }).ToListAsync(ct);
        var names = await NamesAsync(db, rows.Select(r => r.LabeledBy!), ct);
        return rows.Select(r => new ReviewQueueItem(r.Id, r.Project, r.FileName,
            r.LabeledBy == ConsensusService.MergeAuthor ? MergedName : names.GetValueOrDefault(r.LabeledBy ?? "", "?"), r.SubmittedAt, r.Regions)).ToList();
    }

    public async Task<(ReviewSession? Session, string? Error)> OpenAsync(int taskId, string reviewerId, bool isLead, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().Include(t => t.Image).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !await access.CanOpenAsync(reviewerId, isLead, task.ProjectId, ct)) return (null, "This review does not exist or is not yours.");
        if (task.Status != LabelTaskStatus.InReview) return (null, "This task is not waiting for review (any more).");
        if (task.ReviewerId != reviewerId && !isLead) return (null, "This review was routed to another reviewer.");
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId, ct);
        var revision = await db.Revisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderByDescending(r => r.Number).FirstAsync(ct);
        var changes = await db.SuggestionOutcomes.AsNoTracking().Where(o => o.TaskId == taskId && o.RevisionNumber == revision.Number)
            .Join(db.Suggestions, o => o.SuggestionId, s => s.Id, (o, s) => new SuggestionChange(s.Id, s.Text, o.Outcome, o.GeometryChanged, o.LabelChanged, o.TextChanged))
            .ToListAsync(ct);
        var labeler = task.LabeledBy ?? revision.SubmittedBy;
        var names = await NamesAsync(db, [labeler], ct);
        var consensus = labeler == ConsensusService.MergeAuthor ? await ConsensusReview.ForAsync(db, taskId, ct) : null;
        return (new ReviewSession(task.Id, task.ProjectId, project.Name, task.FileName, task.ImageSha256, task.Image!.Width, task.Image.Height,
            await access.SchemaAsync(task.ProjectId, ct), labeler, consensus is null ? names.GetValueOrDefault(labeler, "?") : MergedName, revision.Number,
            revision.Regions, changes, project.Quality.Scoring, consensus), null);
    }

    public async Task<IReadOnlyList<string>> DecideAsync(int taskId, string reviewerId, bool isLead, ReviewVerdict verdict,
        IReadOnlyList<RegionData> corrected, IReadOnlyList<ReviewFix> fixes, string comment, CancellationToken ct = default)
    {
        var (session, error) = await OpenAsync(taskId, reviewerId, isLead, ct);
        if (session is null) return [error!];
        if (comment.Length > 4000) return ["The comment is too long (at most 4,000 characters)."];
        if (fixes.Count > 10_000 || fixes.Any(f => f.Note.Length > 500 || !Enum.IsDefined(f.Code))) return ["A fix is not valid."];
        foreach (var r in corrected)
        {
            if (RegionRules.CheckEdit(r, session.Width, session.Height, session.Schema) is { } problem) return [problem];
        }
        if (verdict == ReviewVerdict.Accepted && RegionRules.CheckSubmit(corrected, session.Schema) is { Count: > 0 } problems) return problems;
        if (verdict == ReviewVerdict.Rejected && session.IsMerged)
            return ["A merged task has no single labeler to return it to: correct it here and accept it."];
        if (verdict == ReviewVerdict.Rejected && fixes.Count == 0 && comment.Trim().Length == 0)
            return ["Say what is wrong: tag at least one fix with an error type, or write a comment."];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstAsync(t => t.Id == taskId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        db.Reviews.Add(new TaskReview
        {
            TaskId = taskId, RevisionNumber = session.RevisionNumber, ReviewerId = reviewerId, LabelerId = session.LabelerId,
            Verdict = verdict, Fixes = JsonSerializer.Serialize(fixes, Json), Comment = comment.Trim(), At = now,
        });
        var tallies = ReviewFixes.Tallies(session.Submitted, corrected, fixes, session.Thresholds);
        // A merge is nobody's work: its fixes are not charged to a labeler (their replicas' agreement is the signal).
        var checks = session.IsMerged ? [] : new List<QualityCheck>
        {
            QualityRecords.Check(session.ProjectId, taskId, session.RevisionNumber, session.LabelerId, QualityCheckKind.Review, reviewerId, now,
                SubmissionScorer.Score(session.Submitted, corrected, session.Thresholds).Regions, tallies),
        };
        var goldCheck = task.GoldSourceTaskId is null ? null
            : await db.QualityChecks.AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.TaskId == taskId && c.Kind == QualityCheckKind.Gold && c.RevisionNumber == session.RevisionNumber, ct);
        if (goldCheck is not null)
        {
            var audit = ReviewFixes.Audit(goldCheck.Events.Select(e => new ErrorTally(e.Code, e.Errors, e.Opportunities)).ToList(), fixes);
            checks.Add(QualityRecords.Check(session.ProjectId, taskId, session.RevisionNumber, reviewerId, QualityCheckKind.ReviewerAudit, null, now, [], audit));
        }
        db.QualityChecks.AddRange(checks);

        if (verdict == ReviewVerdict.Accepted)
        {
            var changed = corrected.Count != session.Submitted.Count ||
                          corrected.Zip(session.Submitted).Any(p => !p.First.SameContentAs(p.Second));
            var accepted = TaskLifecycle.Accept(task.LeaseState);
            if (!accepted.Ok) return [accepted.Error!];
            var revision = changed ? await Revisions.FreezeAsync(db, taskId, reviewerId, now, corrected, ct) : session.RevisionNumber;
            task.Apply(accepted.State);
            await events.RaiseAsync(db, new TaskCompleted(taskId, revision,
                changed ? corrected.Select(r => r with { Pending = false }).ToList() : session.Submitted, now), ct);
        }
        else
        {
            // Back to the labeler who submitted it; only they can take it up again.
            var returned = TaskLifecycle.Return(task.LeaseState, session.LabelerId);
            if (!returned.Ok) return [returned.Error!];
            task.Apply(returned.State);
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return ["The task changed while you reviewed it; reload."]; }

        foreach (var c in checks) await monitor.EnqueueAsync(QualityRecords.Recorded(c), ct);
        await hub.PublishAsync(new ReviewCompleted(session.ProjectId, taskId, session.LabelerId, verdict));
        return [];
    }

    const string MergedName = "merge of replicas";

    static async Task<Dictionary<string, string>> NamesAsync(WorkbenchDb db, IEnumerable<string> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
    }
}
