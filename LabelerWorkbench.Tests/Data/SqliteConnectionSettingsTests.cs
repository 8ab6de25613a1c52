using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Data;

/// <summary>The SQLite settings are made once per physical connection and are still there when the pool hands it out again.</summary>
public class SqliteConnectionSettingsTests : IDisposable
{
    readonly WorkbenchFactory app = new();

    [Fact]
    public async Task APooledConnection_KeepsItsSettings_WhenOpenedAgain()
    {
        SQLitePCL.sqlite3? first = null;
        for (var open = 0; open < 3; open++)
        {
            await using var db = app.Db();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            first ??= connection.Handle;
            Assert.Same(first, connection.Handle);
            Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
            Assert.Equal(10_000L, await PragmaAsync(connection, "busy_timeout"));
            Assert.Equal(2L, await PragmaAsync(connection, "synchronous"));   // FULL
            Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        }
    }

    static async Task<object?> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => app.Dispose();
}
