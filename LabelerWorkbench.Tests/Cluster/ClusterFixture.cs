using System.Diagnostics;
using System.Net.Http.Json;
using LabelerWorkbench.Cli.Cluster;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace LabelerWorkbench.Tests.Cluster;

/// <summary>
/// Two app nodes as separate processes on one PostgreSQL database and one Redis server, both started by the
/// project's own script (<c>scripts/local-cluster.sh</c>) in a temporary folder and stopped at the end, with one
/// shared data directory. Setup (users, projects, images) goes through a third, in-process copy of the app on the same
/// database whose background services are removed, so it takes no part in the queues or the monitor.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    readonly string root = Path.Combine(Path.GetTempPath(), "lw-cluster-tests", Guid.NewGuid().ToString("N"));
    string scripts = "";
    public Dictionary<string, string> Shared { get; } = [];
    public ControlApp Control { get; private set; } = default!;
    public AppNode NodeA { get; private set; } = default!;
    public AppNode NodeB { get; private set; } = default!;
    public string DataDir => Path.Combine(root, "data");

    public async Task InitializeAsync()
    {
        scripts = FindScripts();
        var start = Run("bash", Path.Combine(scripts, "local-cluster.sh"), "start", Path.Combine(root, "services"));
        foreach (var line in start.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // export Name='value'
            var assignment = line["export ".Length..];
            var eq = assignment.IndexOf('=');
            Shared[assignment[..eq].Replace("__", ":")] = assignment[(eq + 1)..].Trim('\'');
        }
        Shared["DataDirectory"] = DataDir;
        Shared["Demo:GoldRate"] = "0";
        Directory.CreateDirectory(DataDir);
        // The control app migrates and seeds first, so the nodes start on a ready database.
        Control = new ControlApp(Shared);
        _ = Control.Services;
        NodeA = await StartNodeAsync("node-a");
        NodeB = await StartNodeAsync("node-b");
    }

    /// <summary>A node with the models on, short job leases (a dead node's work passes on quickly), and the shared services.</summary>
    public Task<AppNode> StartNodeAsync(string name) => AppNode.StartAsync(name, new Dictionary<string, string>(Shared)
    {
        ["PreAnnotation:Enabled"] = "true",
        ["PreAnnotation:LeaseSeconds"] = "4",
        ["PreAnnotation:Threads"] = "1",
        ["Webhooks:Dispatch"] = "false",
    });

    /// <summary>Replaces a node the test killed, under a new name.</summary>
    public async Task<AppNode> ReplaceAsync(AppNode killed, string name)
    {
        var node = await StartNodeAsync(name);
        if (killed == NodeA) NodeA = node; else NodeB = node;
        return node;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { NodeA, NodeB }) if (node is not null) await node.DisposeAsync();
        if (Control is not null) await Control.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (scripts != "") Run("bash", Path.Combine(scripts, "local-cluster.sh"), "stop", Path.Combine(root, "services"));
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    public WorkbenchDb Db() => Control.Services.GetRequiredService<IDbContextFactory<WorkbenchDb>>().CreateDbContext();

    /// <summary>A client of <paramref name="node"/> signed in as <paramref name="email"/>, keeping its cookie.</summary>
    public static async Task<HttpClient> SignInAsync(AppNode node, string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {email} on {node.Name} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>Labeler accounts, members of <paramref name="projectId"/>.</summary>
    public async Task<IReadOnlyList<(string Email, string Password)>> LabelersAsync(string prefix, int count, int projectId)
    {
        await using var scope = Control.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var made = new List<(string, string)>();
        await using var db = Db();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i}@cluster.test";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{prefix} {i}" };
            var created = await users.CreateAsync(user, "Cluster-Labeler-1");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Labeler);
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id });
            made.Add((email, "Cluster-Labeler-1"));
        }
        await db.SaveChangesAsync();
        return made;
    }

    /// <summary>A project with one text class and <paramref name="images"/> distinct images cut from the demo's pages; returns its id and task ids.</summary>
    /// <param name="preAnnotate">
    /// Whether the nodes run the models on the images; a task is leasable only once its suggestions are in, so a test
    /// about leasing alone says false and does not depend on how fast the models are.
    /// </param>
    public async Task<(int ProjectId, IReadOnlyList<int> TaskIds)> ProjectAsync(string name, int images, bool preAnnotate = true)
    {
        var (projectId, problems) = await Control.Services.GetRequiredService<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = name,
            PreAnnotate = preAnnotate,
            Classes = [new() { Name = "Text line", Color = "#1e88e5", Hotkey = "1", RequiresTranscription = true }],
        });
        Assert.True(projectId is not null, string.Join("; ", problems));
        var import = Control.Services.GetRequiredService<ImportService>();
        var pages = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "samples"), "*.png").Order().ToArray();
        for (var i = 0; i < images; i++)
        {
            using var stream = new MemoryStream(Page(pages[i % pages.Length], i));
            var result = await import.ImportAsync(projectId!.Value, $"page-{i:D3}.png", stream);
            Assert.True(result.Outcome != ImportOutcome.Refused, result.Message);
        }
        await using var db = Db();
        return (projectId!.Value, await db.Tasks.Where(t => t.ProjectId == projectId).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
    }

    /// <summary>The top of a demo page (its first lines of text), with a few pixels in a corner set from <paramref name="seed"/> so every file differs.</summary>
    static byte[] Page(string file, int seed)
    {
        using var whole = SKBitmap.Decode(file);
        using var top = new SKBitmap(whole.Width, Math.Min(whole.Height, 260));
        using (var canvas = new SKCanvas(top)) canvas.DrawImage(SKImage.FromBitmap(whole), 0, 0, SKSamplingOptions.Default);
        for (var bit = 0; bit < 16; bit++)
            top.SetPixel(bit, 0, (seed >> bit & 1) == 1 ? SKColors.Black : SKColors.White);
        using var data = top.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts");
            if (File.Exists(Path.Combine(candidate, "local-cluster.sh"))) return candidate;
        }
        throw new InvalidOperationException("scripts/local-cluster.sh not found above the test binaries.");
    }

    static string Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        return output;
    }
}

/// <summary>The app in-process on the cluster's database, for setup only: none of its own background services run.</summary>
public sealed class ControlApp(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("PreAnnotation:Enabled", "true");
        builder.UseSetting("Webhooks:Dispatch", "false");
        builder.UseSetting("Node:Name", "control");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(s =>
        {
            var own = typeof(Program).Assembly;
            foreach (var service in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == own).ToList())
                s.Remove(service);
        });
    }
}
