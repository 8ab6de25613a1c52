using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LabelerWorkbench.Data;

/// <summary>Where the app keeps its files: <c>DataDirectory</c>, absolute, resolved against the content root.</summary>
public sealed class DataPaths(string dataDirectory)
{
    public string DataDirectory { get; } = dataDirectory;
    public string Images => Path.Combine(DataDirectory, "images");
    public string Assets { get; } = Path.Combine(AppContext.BaseDirectory, "assets");
}

public static class DataServices
{
    public static IHostApplicationBuilder AddWorkbenchData(this IHostApplicationBuilder builder)
    {
        var dataDir = builder.Configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        dataDir = Path.GetFullPath(dataDir, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDir);
        var paths = new DataPaths(dataDir);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton<BlobStore>();
        builder.Services.AddSingleton<DomainEvents>();
        // Sign-in cookies and antiforgery tokens are protected with keys kept beside the data: nodes that share the
        // data directory accept each other's cookies, and a restart signs nobody out.
        builder.Services.AddDataProtection().SetApplicationName("LabelerWorkbench")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));

        var database = DatabaseProviders.Read(builder.Configuration, dataDir);
        builder.Services.AddSingleton(database);
        // Pooled: a context per operation is the rule here, and building each one's services anew took about 7 % of a busy
        // node's processor time.
        builder.Services.AddPooledDbContextFactory<WorkbenchDb>(o => database.Configure(o));
        return builder;
    }

    /// <summary>Applies the provider's migrations, and on SQLite turns on WAL (a property of the database file, so once is enough).</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var db = await MigrationsContextAsync(services);
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>Whether the database has been set up by the app at least once (any migration applied).</summary>
    public static async Task<bool> HasSchemaAsync(IServiceProvider services)
    {
        await using var db = await MigrationsContextAsync(services);
        return (await db.Database.GetAppliedMigrationsAsync()).Any();
    }

    /// <summary>A context whose migrations are the configured provider's: PostgreSQL's set is generated for its own context type.</summary>
    static async Task<WorkbenchDb> MigrationsContextAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<DatabaseSettings>();
        if (database.Provider != DatabaseProvider.Postgres)
            return await services.GetRequiredService<IDbContextFactory<WorkbenchDb>>().CreateDbContextAsync();
        var options = new DbContextOptionsBuilder<PostgresMigrationsDb>();
        database.Configure(options);
        return new PostgresMigrationsDb(options.Options);
    }

    /// <summary>
    /// Per-connection SQLite settings, made once per physical connection (pooled connections keep them).
    /// synchronous=FULL: a committed edit survives a power cut, not only a crash; labelers commit at human speed, so
    /// the extra fsync costs nothing noticeable (a fsync takes well under a millisecond on the build machine). busy_timeout
    /// lets a writer wait for the single write lock instead of failing with "database is locked".
    /// </summary>
    internal sealed class SqlitePragmas : DbConnectionInterceptor
    {
        const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
        static readonly object Marker = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (NeedsSettings(connection) is not { } sqlite) return;
            using (var cmd = sqlite.CreateCommand())
            {
                cmd.CommandText = Sql;
                cmd.ExecuteNonQuery();
            }
            Configured.AddOrUpdate(sqlite.Handle!, Marker);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (NeedsSettings(connection) is not { } sqlite) return;
            await using (var cmd = sqlite.CreateCommand())
            {
                cmd.CommandText = Sql;
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }
            Configured.AddOrUpdate(sqlite.Handle!, Marker);
        }

        static SqliteConnection? NeedsSettings(DbConnection connection) =>
            connection is SqliteConnection { Handle: { } handle } sqlite && !Configured.TryGetValue(handle, out _) ? sqlite : null;
    }
}
