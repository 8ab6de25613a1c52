namespace LabelerWorkbench.Features.Export;

/// <summary>Unlike <see cref="Progress{T}"/>, reports arrive in order, on the reporting thread, with no context hop.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
