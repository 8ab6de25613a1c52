using System.Diagnostics;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>
/// The throw-away servers a PostgreSQL setup needs, started with the repository's own scripts
/// (<c>scripts/local-postgres.sh</c>, <c>scripts/local-redis.sh</c>) and always stopped by <see cref="DisposeAsync"/>:
/// nothing is left running after the benchmark, whatever happened.
/// </summary>
public sealed class LoadBenchServers : IAsyncDisposable
{
    readonly List<(string Script, string Folder)> started = [];

    LoadBenchServers(string scripts) => Scripts = scripts;

    public string Scripts { get; }
    public string? PostgresConnection { get; private set; }
    public string? Redis { get; private set; }

    /// <summary>Starts PostgreSQL (and Redis, for two nodes); nothing at all for SQLite.</summary>
    public static async Task<LoadBenchServers> StartAsync(LoadBenchSetup setup, CancellationToken ct)
    {
        var servers = new LoadBenchServers(setup == LoadBenchSetup.Sqlite ? "" : FindScripts());
        if (setup == LoadBenchSetup.Sqlite) return servers;
        try
        {
            // Folders straight under the temp folder: as root, the script hands its folder to the 'postgres' user,
            // who could not pass through a private parent folder.
            servers.PostgresConnection = await servers.RunStartAsync("local-postgres.sh", TempFolder("lw-bench-pg"), ct);
            if (setup == LoadBenchSetup.Postgres2Nodes)
                servers.Redis = await servers.RunStartAsync("local-redis.sh", TempFolder("lw-bench-redis"), ct);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped in reverse order; a failing stop is reported and the others still run.
        for (var i = started.Count - 1; i >= 0; i--)
        {
            var (script, folder) = started[i];
            try { await RunAsync(script, ["stop", folder], CancellationToken.None); }
            catch (Exception ex) { Console.Error.WriteLine($"bench-load: could not stop the server in {folder}: {ex.Message}"); }
        }
        started.Clear();
    }

    async Task<string> RunStartAsync(string script, string folder, CancellationToken ct)
    {
        // Recorded before the start: a start that fails half-way still gets its stop.
        started.Add((script, folder));
        var output = await RunAsync(script, ["start", folder], ct);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
               ?? throw new InvalidOperationException($"{script} printed nothing.");
    }

    async Task<string> RunAsync(string script, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Scripts, script), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        // Not cancelled half-way: a start left running would escape the stop.
        await process.WaitForExitAsync(CancellationToken.None);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        ct.ThrowIfCancellationRequested();
        return await output;
    }

    static string TempFolder(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");

    /// <summary>
    /// The repository's <c>scripts</c> folder: above the running assembly (bin/Release/net10.0 of a checkout) or
    /// above the folder the command was typed in.
    /// </summary>
    static string FindScripts()
    {
        string?[] starts = [AppContext.BaseDirectory, Environment.GetEnvironmentVariable("PWD"), Environment.CurrentDirectory];
        foreach (var startFolder in starts.OfType<string>().Where(Directory.Exists))
        {
            for (var folder = new DirectoryInfo(startFolder); folder is not null; folder = folder.Parent)
            {
                var scripts = Path.Combine(folder.FullName, "scripts");
                if (File.Exists(Path.Combine(scripts, "local-postgres.sh")) && File.Exists(Path.Combine(scripts, "local-redis.sh")))
                    return scripts;
            }
        }
        throw new InvalidOperationException(
            "The PostgreSQL setups start their servers with scripts/local-postgres.sh and scripts/local-redis.sh, which were not found " +
            "above the program's folder or the current folder; run the command from a checkout of the repository.");
    }
}
