using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Quality.Training;

public static class TrainingGate
{
    /// <summary>The must-complete module the labeler has to pass before their next task in this project, if any.</summary>
    public static Task<TrainingAssignment?> BlockingAssignmentAsync(WorkbenchDb db, int projectId, string userId, CancellationToken ct) =>
        db.TrainingAssignments.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.LabelerId == userId && a.Mode == TrainingMode.MustComplete && a.Status == TrainingStatus.Assigned)
            .OrderBy(a => a.AssignedAt).FirstOrDefaultAsync(ct);
}
