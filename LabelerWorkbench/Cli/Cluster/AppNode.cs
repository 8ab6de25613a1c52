using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LabelerWorkbench.Cli.Cluster;

/// <summary>
/// One app node as a child process (<c>dotnet LabelerWorkbench.dll --urls …</c>), configured by environment variables.
/// The load benchmark runs its nodes this way (their memory is their own), and the multi-node tests kill one for real.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    readonly Process process;
    readonly Queue<string> lastLines = new();

    AppNode(Process process, string baseUrl, string name)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Name = name;
    }

    public string BaseUrl { get; }
    public string Name { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>The node's last lines of output, for a failure message.</summary>
    public string Output
    {
        get { lock (lastLines) return string.Join('\n', lastLines); }
    }

    /// <summary>Resident memory of the node's process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Starts a node with <paramref name="settings"/> (configuration keys, ':' or '__') and waits until it answers.</summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var app = typeof(AppNode).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), [app, "--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["Node__Name"] = name;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start an app node.");
        var node = new AppNode(process, url, name);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        while (deadline.Elapsed < limit)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"App node {name} stopped while starting (exit {process.ExitCode}):\n{node.Output}");
            try
            {
                using var response = await http.GetAsync($"{url}/healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        await node.DisposeAsync();
        throw new TimeoutException($"App node {name} did not answer within {limit.TotalSeconds:F0} s:\n{node.Output}");
    }

    /// <summary>Ends the node at once, as a crash or a pulled plug would: no graceful shutdown, nothing flushed.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first: the host stops gracefully (leases released, connections closed).
            try { Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit(2_000); } catch { }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { Kill(); }
        }
        process.Dispose();
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 60) lastLines.Dequeue();
        }
    }

    /// <summary>The dotnet host: the one running us when it is dotnet, else the one the SDK names, else the PATH's.</summary>
    static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return "dotnet";
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
