using System.Text.Json;
using LabelerWorkbench.Data;

namespace LabelerWorkbench.Features.Quality;

/// <summary>A check as the monitor receives it, once it is stored.</summary>
public sealed record CheckRecorded(int CheckId, int ProjectId, string SubjectId, QualityCheckKind Kind, string? CheckedBy, IReadOnlyList<ErrorTally> Tallies, DateTime At, int? TaskId)
{
    public CheckEvidence Evidence => new(SubjectId, Kind, CheckedBy, Tallies);
}

/// <summary>A region check as stored in <see cref="QualityCheck.Details"/>, with codes by name.</summary>
public sealed record RegionCheckRecord(Guid? Submitted, Guid? Answer, double IoU, string[] Errors, string[] Opportunities, Guid? Suggestion);

public static class QualityRecords
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static QualityCheck Check(int projectId, int? taskId, int revision, string subject, QualityCheckKind kind,
        string? checkedBy, DateTime at, IReadOnlyList<RegionCheck> regions, IReadOnlyList<ErrorTally> tallies)
    {
        var check = new QualityCheck
        {
            ProjectId = projectId, TaskId = taskId, RevisionNumber = revision, SubjectId = subject, Kind = kind,
            CheckedBy = checkedBy, At = at, ErrorCount = tallies.Sum(t => t.Errors),
            Details = JsonSerializer.Serialize(regions.Select(r => new RegionCheckRecord(r.SubmittedId, r.AnswerId, Math.Round(r.IoU, 4),
                r.Errors.Select(e => e.Name()).ToArray(), r.Opportunities.Select(e => e.Name()).ToArray(), r.SuggestionId)), Json),
        };
        check.Events.AddRange(tallies.Where(t => t.Opportunities > 0).Select(t => new QualityEvent
        {
            ProjectId = projectId, SubjectId = subject, Kind = kind, Code = t.Code, Errors = t.Errors, Opportunities = t.Opportunities, At = at,
        }));
        return check;
    }

    public static IReadOnlyList<RegionCheckRecord> ReadDetails(string json) =>
        JsonSerializer.Deserialize<List<RegionCheckRecord>>(json, Json) ?? [];

    public static CheckRecorded Recorded(QualityCheck c) => new(c.Id, c.ProjectId, c.SubjectId, c.Kind, c.CheckedBy,
        c.Events.Select(e => new ErrorTally(e.Code, e.Errors, e.Opportunities)).ToList(), c.At, c.TaskId);
}
