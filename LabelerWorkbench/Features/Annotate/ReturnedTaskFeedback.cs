using System.Text.Json;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>What a reviewer sent back with a returned task, read for its labeler's annotate page.</summary>
public static class ReturnedTaskFeedback
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Why the latest revision was rejected, for its labeler; null unless it was.</summary>
    public static async Task<ReviewFeedback?> ReadAsync(WorkbenchDb db, int taskId, int latestRevision, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Where(r => r.TaskId == taskId).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (review is null || review.Verdict != ReviewVerdict.Rejected || review.RevisionNumber != latestRevision) return null;
        var reviewer = await db.Users.Where(u => u.Id == review.ReviewerId).Select(u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct);
        return new ReviewFeedback(reviewer ?? "A reviewer", review.Comment,
            JsonSerializer.Deserialize<List<ReviewFix>>(review.Fixes, Json) ?? [], review.At);
    }

}
