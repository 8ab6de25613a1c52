namespace LabelerWorkbench.Features.DataManager;

/// <summary>
/// A grid row is the same task whatever its columns say: a reload brings new rows (a changed status, a new
/// activity time), and the selection must still recognise the tasks it holds.
/// </summary>
public sealed class TaskRowById : IEqualityComparer<TaskRow>
{
    public static readonly TaskRowById Instance = new();

    public bool Equals(TaskRow? x, TaskRow? y) => x?.Id == y?.Id;

    public int GetHashCode(TaskRow row) => row.Id;
}
