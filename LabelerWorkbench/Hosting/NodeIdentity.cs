namespace LabelerWorkbench.Hosting;

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

public static class HealthEndpoint
{
    /// <summary><c>GET /healthz</c>: 200 and the node's name while the database answers, 503 otherwise. For a reverse proxy's checks.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (NodeIdentity node, Microsoft.EntityFrameworkCore.IDbContextFactory<Data.WorkbenchDb> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? Results.Text($"ok {node.Name}")
                : Results.Text($"database unreachable from {node.Name}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
}
