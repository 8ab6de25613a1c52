using LabelerWorkbench.Cluster;

namespace LabelerWorkbench.Hosting;

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
