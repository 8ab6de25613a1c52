using LabelerWorkbench.Cluster;
using LabelerWorkbench.Live;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Account;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Inference;
using Microsoft.AspNetCore.Identity;
using SkiaSharp;

namespace LabelerWorkbench.Cli.Bench;

/// <summary>What the simulated labelers work on: one project, its box class, and an account per labeler.</summary>
public sealed record LoadBenchSeed(int ProjectId, int ClassId, int ImageWidth, int ImageHeight, IReadOnlyList<string> Emails, string Password);

/// <summary>
/// Fills an empty database through the app's own services, as a lead would through the pages: migrations, the
/// roles, labeler accounts, a project with them as members, and distinct generated images imported as tasks (the
/// import refuses a second copy of an image in one project).
/// </summary>
public static class LoadBenchSeeder
{
    public const string Password = "Bench-Labeler-1";
    const int Width = 400, Height = 300;

    /// <param name="settings">The nodes' own settings, so the seed lands where they will look.</param>
    public static async Task<LoadBenchSeed> SeedAsync(IReadOnlyDictionary<string, string> settings, int labelers, int tasks, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The SQLite migrations' known note about PRAGMA outside a transaction is the server's to log, not the benchmark's.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error);
        builder.AddWorkbenchData();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAccount();
        builder.Services.AddProjects();
        // The import asks the pre-annotation queue; with PreAnnotation:Enabled=false nothing is queued or loaded.
        builder.Services.AddInference();
        builder.Services.AddCluster(builder.Configuration);
        builder.Services.AddLive(builder.Configuration);
        using var host = builder.Build();
        await DataServices.MigrateAsync(host.Services);

        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var (emails, ids) = await CreateLabelersAsync(services.GetRequiredService<UserManager<AppUser>>(), labelers, ct);
        var (projectId, problems) = await services.GetRequiredService<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = "Load benchmark",
            Instructions = "Simulated labelers: one box per image.",
            Classes = [new() { Name = "Object", Color = "#1e88e5", Hotkey = "1", AllowPolygon = false }],
            MemberIds = ids.ToHashSet(),
            PreAnnotate = false,
        }, ct);
        if (projectId is null) throw new InvalidOperationException("Could not create the benchmark project: " + string.Join("; ", problems));
        var classId = await services.GetRequiredService<ProjectAccess>().SchemaAsync(projectId.Value, ct) is { Classes: [var only] }
            ? only.Id : throw new InvalidOperationException("The benchmark project should have exactly one class.");

        await ImportImagesAsync(services.GetRequiredService<ImportService>(), projectId.Value, tasks, ct);
        return new LoadBenchSeed(projectId.Value, classId, Width, Height, emails, Password);
    }

    /// <summary>
    /// Accounts <c>bench-labeler-N@bench.local</c>, all with one password. The password is hashed once and the hash
    /// shared (a hash carries its own salt, so it verifies for every account): hashing it 200 times would take longer than the run.
    /// </summary>
    static async Task<(List<string> Emails, List<string> Ids)> CreateLabelersAsync(UserManager<AppUser> users, int count, CancellationToken ct)
    {
        var hash = users.PasswordHasher.HashPassword(new AppUser(), Password);
        var (emails, ids) = (new List<string>(), new List<string>());
        for (var i = 1; i <= count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var email = $"bench-labeler-{i}@bench.local";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench labeler {i}", PasswordHash = hash };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException($"Could not create {email}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Labeler);
            emails.Add(email);
            ids.Add(user.Id);
        }
        return (emails, ids);
    }

    static async Task ImportImagesAsync(ImportService import, int projectId, int count, CancellationToken ct)
    {
        var bar = new ProgressBar();
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            using var png = new MemoryStream(Image(i));
            var result = await import.ImportAsync(projectId, $"bench-{i + 1:D5}.png", png, ct);
            if (result.Outcome != ImportOutcome.Imported)
                throw new InvalidOperationException($"Seeding: image {i + 1} was not imported ({result.Outcome}): {result.Message}");
            if (i % 25 == 0 || i == count - 1) bar.Show((i + 1.0) / count);
        }
        bar.Done();
    }

    /// <summary>A small PNG that differs from every other one: its number, written, and a box placed by it.</summary>
    static byte[] Image(int n)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor((byte)(n * 37), (byte)(n * 91), (byte)(n * 13 + 128)));
        using var fill = new SKPaint { Color = SKColors.White };
        canvas.DrawRect(20 + n % 200, 20 + n / 200 % 150, 120, 80, fill);
        using var font = new SKFont(SKTypeface.Default, 32);
        using var ink = new SKPaint { Color = SKColors.Black };
        canvas.DrawText($"task {n + 1}", 30 + n % 200, 70 + n / 200 % 150, SKTextAlign.Left, font, ink);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }
}
