using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LabelerWorkbench.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Which engine holds the data: <c>Database:Provider</c> (Sqlite, the default, or Postgres) and <c>ConnectionStrings:Default</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres) options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString).AddInterceptors(new DataServices.SqlitePragmas());
    }
}

public static class DatabaseProviders
{
    public const string NpgsqlName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Reads the settings strictly: an unknown provider, or PostgreSQL without a connection string, stops the start with the reason.</summary>
    public static DatabaseSettings Read(IConfiguration configuration, string dataDirectory)
    {
        var name = configuration["Database:Provider"] is { Length: > 0 } p ? p : nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) || !Enum.IsDefined(provider) || int.TryParse(name, out _))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{name}'.");
        var connection = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
            return connection is { Length: > 0 } c ? new(provider, WithStatementPreparation(c))
                : throw new InvalidOperationException("Database:Provider=Postgres needs ConnectionStrings:Default, e.g. \"Host=db;Database=workbench;Username=workbench;Password=…\".");
        return new(provider, connection is { Length: > 0 } s ? s : $"Data Source={Path.Combine(dataDirectory, "workbench.db")}");
    }

    /// <summary>Statements Npgsql prepares on the server once they have run a few times, unless the connection string says.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it (0 turns it off). Unprepared, every
    /// statement is parsed and planned again by its backend; EF's statements are few and always the same, and
    /// preparing them took the load benchmark's save p95 on PostgreSQL from 1.8 s to 73 ms on a 2-core machine.
    /// </summary>
    static string WithStatementPreparation(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var given = new DbConnectionStringBuilder { ConnectionString = connection }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        if (!given) builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.ConnectionString;
    }
}
