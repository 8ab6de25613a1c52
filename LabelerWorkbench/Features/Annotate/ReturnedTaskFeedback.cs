using System.Text.Json;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>What a reviewer (or a lead, from the data manager) sent back with a returned task, read for its labeler's annotate page.</summary>
public static class ReturnedTaskFeedback
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Why the latest revision was rejected, for its labeler; null unless it was.</summary>
    public static async Task<ReviewFeedback?> ReadAsync(WorkbenchDb db, int taskId, int latestRevision, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Where(r => r.TaskId == taskId).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        // A lead may send back work a reviewer accepted or never saw; the later word on this revision is the one that counts.
        var leadReturn = await db.LeadReturns.AsNoTracking().Where(r => r.TaskId == taskId && r.RevisionNumber == latestRevision)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (leadReturn is not null && (review is null || review.RevisionNumber != latestRevision || leadReturn.At >= review.At))
            return new ReviewFeedback($"{await NameAsync(db, leadReturn.LeadId, ct) ?? "a team lead"} (team lead)", leadReturn.Comment, [], leadReturn.At);
        if (review is null || review.Verdict != ReviewVerdict.Rejected || review.RevisionNumber != latestRevision) return null;
        return new ReviewFeedback(await NameAsync(db, review.ReviewerId, ct) ?? "A reviewer", review.Comment,
            JsonSerializer.Deserialize<List<ReviewFix>>(review.Fixes, Json) ?? [], review.At);
    }

    static Task<string?> NameAsync(WorkbenchDb db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct);

}
