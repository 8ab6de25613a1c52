using System.Security.Cryptography;
using System.Text;
using LabelerWorkbench.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export.ApiKeys;

public sealed record ApiKeyView(int Id, string Name, int? ProjectId, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>The key a caller presented, once checked.</summary>
public sealed record ApiCaller(int KeyId, string KeyName, int? ProjectId);

/// <summary>
/// API keys: <c>lwk_PREFIX_SECRET</c>. The prefix finds the row; only the SHA-256 of the secret is stored and
/// compared in constant time. A key is shown once, at creation, and a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<WorkbenchDb> dbFactory, TimeProvider clock)
{
    const string Scheme = "lwk";

    public async Task<(string Key, ApiKeyView View)> CreateAsync(int? projectId, string name, string createdBy, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw new ArgumentException("Give the key a name of 1 to 200 characters.", nameof(name));
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiKey
        {
            ProjectId = projectId, Name = name, Prefix = prefix, SecretHash = Hash(secret),
            CreatedBy = createdBy, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return ($"{Scheme}_{prefix}_{secret}", View(row));
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(int? projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.ProjectId == projectId).OrderByDescending(k => k.Id).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<bool> RevokeAsync(int keyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, ct);
        if (row is null) return false;
        row.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <returns>The caller, or null for a malformed, unknown or revoked key.</returns>
    public async Task<ApiCaller?> VerifyAsync(string presented, CancellationToken ct = default)
    {
        var parts = presented.Trim().Split('_', 3);
        if (parts.Length != 3 || parts[0] != Scheme || parts[1].Length != 12 || parts[2].Length is 0 or > 100) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == parts[1], ct);
        if (row is null || row.RevokedAt is not null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(parts[2])), Encoding.ASCII.GetBytes(row.SecretHash))) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        // Last use to the minute is enough for a lead deciding what to revoke, and spares a write per request.
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new ApiCaller(row.Id, row.Name, row.ProjectId);
    }

    static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static ApiKeyView View(ApiKey k) => new(k.Id, k.Name, k.ProjectId, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
