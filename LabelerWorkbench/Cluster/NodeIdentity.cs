namespace LabelerWorkbench.Cluster;

/// <summary>
/// This app node's name among several on one database (<c>Node:Name</c>; default host name and process id): it holds
/// job leases and the singleton roles, and <c>/healthz</c> reports it so a proxy's checks show which node answered.
/// </summary>
public sealed class NodeIdentity(string name)
{
    public string Name { get; } = name;

    public static NodeIdentity From(IConfiguration configuration)
    {
        var name = configuration["Node:Name"] is { Length: > 0 } n ? n : $"{Environment.MachineName}-{Environment.ProcessId}";
        if (name.Length > 100) throw new InvalidOperationException("Node:Name is longer than 100 characters.");
        return new(name);
    }
}
