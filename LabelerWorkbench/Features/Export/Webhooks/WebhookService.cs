using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export.Webhooks;

public sealed record DeliveryView(long Id, int? TaskId, string Url, DeliveryStatus Status, int Attempts, DateTime CreatedAt, DateTime? DeliveredAt, DateTime NextAttemptAt, string? LastError);

/// <summary>A project's webhooks, its signing secret and its delivery log, for the lead.</summary>
public sealed class WebhookService(IDbContextFactory<WorkbenchDb> dbFactory, WebhookUrlPolicy policy, TimeProvider clock)
{
    public async Task<IReadOnlyList<Webhook>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Webhooks.AsNoTracking().Where(w => w.ProjectId == projectId).OrderBy(w => w.Id).ToListAsync(ct);
    }

    /// <returns>Why the URL is refused, or null when it was added.</returns>
    public async Task<string?> AddAsync(int projectId, string url, string userId, Uri? requestOrigin = null, CancellationToken ct = default)
    {
        if (policy.Check(url, requestOrigin) is { } refused) return refused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureSecretAsync(db, projectId, ct);
        db.Webhooks.Add(new Webhook { ProjectId = projectId, Url = url.Trim(), CreatedBy = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task RemoveAsync(int projectId, int webhookId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Webhooks.Where(w => w.ProjectId == projectId && w.Id == webhookId).ExecuteDeleteAsync(ct);
    }

    public async Task<string> SecretAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var secret = await EnsureSecretAsync(db, projectId, ct);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<string> RotateSecretAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstAsync(p => p.Id == projectId, ct);
        project.WebhookSecret = WebhookSignature.NewSecret();
        await db.SaveChangesAsync(ct);
        return project.WebhookSecret;
    }

    /// <summary>The project's secret, made on first need (tracked; the caller saves).</summary>
    public static async Task<string> EnsureSecretAsync(WorkbenchDb db, int projectId, CancellationToken ct)
    {
        var project = await db.Projects.FirstAsync(p => p.Id == projectId, ct);
        return project.WebhookSecret ??= WebhookSignature.NewSecret();
    }

    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(int projectId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.ProjectId == projectId).OrderByDescending(d => d.Id).Take(take)
            .Select(d => new DeliveryView(d.Id, d.TaskId, d.Url, d.Status, d.Attempts, d.CreatedAt, d.DeliveredAt, d.NextAttemptAt, d.LastError))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(long deliveryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number).ToListAsync(ct);
    }
}
