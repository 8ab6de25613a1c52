using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Cluster;

/// <summary>
/// Roles only one node may play at a time (the quality monitor, the webhook dispatcher), as <see cref="ServiceLease"/>
/// rows: a node takes a role when its term has run out and renews it while it plays it. A row, not a PostgreSQL
/// advisory lock, so that the same code serves SQLite, and so that every action of a role can be fenced: it confirms
/// the role in its own transaction (<see cref="ConfirmAsync"/>), so a node that lost the role without noticing (a long
/// pause) cannot act a second time on what its successor acts on.
/// </summary>
public sealed class SingletonRoles(IDbContextFactory<WorkbenchDb> dbFactory, NodeIdentity node)
{
    public string NodeName => node.Name;

    /// <summary>Takes <paramref name="role"/> if it is free or its term ran out, or renews it; true while this node plays it.</summary>
    public async Task<bool> TryHoldAsync(string role, TimeSpan term, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var me = node.Name;
        var taken = await db.ServiceLeases.Where(l => l.Name == role && (l.Holder == me || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Epoch, l => l.Holder == me ? l.Epoch : l.Epoch + 1)
                .SetProperty(l => l.Holder, me)
                .SetProperty(l => l.ExpiresAt, now + term), ct);
        if (taken == 1) return true;
        if (await db.ServiceLeases.AnyAsync(l => l.Name == role, ct)) return false;
        try
        {
            db.ServiceLeases.Add(new ServiceLease { Name = role, Holder = me, Epoch = 1, ExpiresAt = now + term });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node created the row first: the role is theirs.
            return false;
        }
    }

    /// <summary>
    /// Inside the transaction of one of the role's actions: true if this node still plays <paramref name="role"/> (and
    /// holds the row until the transaction ends, so no one can take it meanwhile); false means roll back.
    /// </summary>
    public async Task<bool> ConfirmAsync(WorkbenchDb db, string role, TimeSpan term, CancellationToken ct)
    {
        var me = node.Name;
        var until = DateTime.UtcNow + term;
        return await db.ServiceLeases.Where(l => l.Name == role && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Gives the role up at once (this node is stopping), so another node takes it without waiting out the term.</summary>
    public async Task ReleaseAsync(string role)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var me = node.Name;
            await db.ServiceLeases.Where(l => l.Name == role && l.Holder == me)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UnixEpoch));
        }
        catch (Exception) { /* stopping anyway: the term runs out by itself */ }
    }
}

public static class ClusterServices
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(NodeIdentity.From(configuration))
        .AddSingleton<WorkQueue>()
        .AddSingleton<SingletonRoles>();
}
