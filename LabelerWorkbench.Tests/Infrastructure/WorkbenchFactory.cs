using System.Net.Http.Json;
using LabelerWorkbench.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelerWorkbench.Tests.Infrastructure;

/// <summary>The real app on a temporary data folder with its own SQLite file; the demo content is seeded as on a first run.</summary>
public class WorkbenchFactory : WebApplicationFactory<Program>
{
    /// <summary>Leave the data folder behind on dispose, for a test that starts the app again on it.</summary>
    public bool KeepData { get; init; }
    public string DataDir { get; init; } = Path.Combine(Path.GetTempPath(), "lw-tests", Guid.NewGuid().ToString("N"));
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Off by default so tests see only the regions they make; the pre-annotation tests turn it on.</summary>
    protected virtual bool PreAnnotate => false;

    /// <summary>
    /// Set (to a server's connection string) by the test command's PostgreSQL pass: each app then gets a database of
    /// its own on that server, dropped on dispose. Unset, the app runs on SQLite in its data folder.
    /// </summary>
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("LW_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    /// <summary>One database per data folder, so an app started again on the same folder (KeepData) finds its data.</summary>
    private string Database => "lw_test_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDir)))[..24].ToLowerInvariant();

    /// <summary>The command-line options that point a CLI command at this app's database.</summary>
    public string[] DatabaseArgs => PostgresServer is null ? ["--DataDirectory", DataDir]
        : ["--DataDirectory", DataDir, "--Database:Provider", "Postgres", "--ConnectionStrings:Default", PostgresConnection];

    private string PostgresConnection => new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = Database }.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDir);
        if (PostgresServer is { } server)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", PostgresConnection);
        }
        builder.UseSetting("PreAnnotation:Enabled", PreAnnotate.ToString());
        builder.UseSetting("Import:AllowedFolders:0", Path.Combine(DataDir, "import"));
        // Existing flows lease demo tasks in order; tests that want gold copies raise the project's rate themselves.
        builder.UseSetting("Demo:GoldRate", "0");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Changes the demo project's quality policy, as a lead would on the Quality tab.</summary>
    public async Task SetQualityAsync(Action<QualitySettings> change)
    {
        var overview = Get<LabelerWorkbench.Features.Quality.QualityOverview>();
        var settings = await overview.SettingsAsync(DemoProjectId());
        change(settings);
        Assert.Empty(await overview.SaveSettingsAsync(DemoProjectId(), settings));
    }

    public WorkbenchDb Db() => Get<IDbContextFactory<WorkbenchDb>>().CreateDbContext();

    public int DemoProjectId()
    {
        using var db = Db();
        return db.Projects.Single(p => p.Name == LabelerWorkbench.Features.Demo.DemoSeeder.ProjectName).Id;
    }

    /// <summary>A client signed in through the JSON login, keeping its cookie; redirects are not followed.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password, bool followRedirects = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = followRedirects });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {email} failed: {response.StatusCode}");
        return client;
    }

    public async Task<string> UserIdAsync(LabelerWorkbench.Features.Demo.DemoUser user)
    {
        await using var db = Db();
        return (await db.Users.SingleAsync(u => u.Email == user.Email)).Id;
    }

    public Task<HttpClient> SignInAsync(LabelerWorkbench.Features.Demo.DemoUser user, bool followRedirects = false) =>
        SignInAsync(user.Email, user.Password, followRedirects);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (PostgresServer is { } server && !KeepData)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(server);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        if (!KeepData)
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A clock the tests move by hand (lease expiry without waiting).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;
    private readonly Lock gate = new();
    public override DateTimeOffset GetUtcNow() { lock (gate) return now; }
    public void Advance(TimeSpan by) { lock (gate) now += by; }
}

/// <summary>The app with the models running on every import, as in production.</summary>
public sealed class PreAnnotatingFactory : WorkbenchFactory
{
    protected override bool PreAnnotate => true;
}
