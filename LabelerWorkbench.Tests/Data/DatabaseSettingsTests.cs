using LabelerWorkbench.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LabelerWorkbench.Tests.Data;

/// <summary>How <c>Database:Provider</c> and <c>ConnectionStrings:Default</c> are read.</summary>
public class DatabaseSettingsTests
{
    static DatabaseSettings Read(params (string Key, string Value)[] settings) => DatabaseProviders.Read(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(), "/data");

    [Fact]
    public void PostgreSQL_PreparesRepeatedStatements_UnlessTheConnectionStringSays()
    {
        var settings = Read(("Database:Provider", "Postgres"), ("ConnectionStrings:Default", "Host=db;Database=workbench;Username=wb"));

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal(DatabaseProviders.DefaultMaxAutoPrepare, builder.MaxAutoPrepare);
        Assert.Equal(("db", "workbench", "wb"), (builder.Host, builder.Database, builder.Username));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;maxautoprepare=10", 10)]
    [InlineData("Host=db;MAX AUTO PREPARE = 200", 200)]
    public void AnOperatorsOwnPreparationSetting_IsKept(string connection, int expected)
    {
        var settings = Read(("Database:Provider", "postgres"), ("ConnectionStrings:Default", connection));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void Sqlite_IsTheDefault_InTheDataDirectory_AndItsConnectionStringIsLeftAlone()
    {
        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine("/data", "workbench.db")}"), Read());
        Assert.Equal("Data Source=/tmp/x.db", Read(("ConnectionStrings:Default", "Data Source=/tmp/x.db")).ConnectionString);
    }

    [Theory]
    [InlineData("MySql", "Database:Provider must be Sqlite or Postgres, not 'MySql'.")]
    [InlineData("1", "Database:Provider must be Sqlite or Postgres, not '1'.")]
    public void AnUnknownProvider_StopsTheStart_WithTheReason(string provider, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", provider)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void PostgreSQL_WithoutAConnectionString_StopsTheStart_WithAnExample()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", "Postgres")));
        Assert.StartsWith("Database:Provider=Postgres needs ConnectionStrings:Default", error.Message);
    }
}
