using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Demo;

/// <summary>Settings under <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>Create the demo users and the <c>Demo</c> project on a database that has no users. Default true.</summary>
    public bool Seed { get; set; } = true;
    /// <summary>The demo project's gold rate: high, so that six images show the quality loop. Default 0.3.</summary>
    public double GoldRate { get; set; } = 0.3;
}

public sealed record DemoUser(string Email, string Password, string Role, string DisplayName);

/// <summary>First-run content: one user per role and a <c>Demo</c> project built from the sample images.</summary>
public static class DemoSeeder
{
    public const string ProjectName = "Demo";

    public static readonly DemoUser[] Users =
    [
        new("lead@demo.local", "Demo-Lead-1", Roles.Lead, "Lena Lead"),
        new("labeler@demo.local", "Demo-Labeler-1", Roles.Labeler, "Liam Labeler"),
        new("labeler2@demo.local", "Demo-Labeler-2", Roles.Labeler, "Lara Labeler"),
        new("reviewer@demo.local", "Demo-Reviewer-1", Roles.Reviewer, "Rita Reviewer"),
    ];

    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        return services;
    }

    public static async Task SeedAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.Seed
            || await users.Users.AnyAsync()) return;

        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeder));
        var ids = new List<string>();
        foreach (var u in Users)
        {
            var user = new AppUser { UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.DisplayName };
            var created = await users.CreateAsync(user, u.Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, u.Role);
            if (u.Role != Roles.Lead) ids.Add(user.Id);
        }

        var (projectId, problems) = await services.GetRequiredService<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = ProjectName,
            Instructions = Instructions,
            Classes =
            [
                new() { Name = "Text line", Color = "#1e88e5", Hotkey = "1", RequiresTranscription = true },
                new() { Name = "Price", Color = "#e53935", Hotkey = "2", RequiresTranscription = true },
                new() { Name = "Logo", Color = "#8e24aa", Hotkey = "3", AllowPolygon = false },
            ],
            MemberIds = ids.ToHashSet(),
        });
        if (projectId is null) throw new InvalidOperationException(string.Join("; ", problems));

        var import = services.GetRequiredService<ImportService>();
        var samples = Path.Combine(services.GetRequiredService<DataPaths>().Assets, "samples");
        foreach (var file in Directory.Exists(samples) ? Directory.GetFiles(samples, "*.png").Order().ToArray() : [])
        {
            await using var stream = File.OpenRead(file);
            var result = await import.ImportAsync(projectId.Value, Path.GetFileName(file), stream);
            if (result.Outcome == ImportOutcome.Refused) log.LogWarning("Demo image {File} refused: {Reason}", file, result.Message);
        }
        await SeedGoldAsync(services, projectId.Value, users, log);
        log.LogInformation("Seeded the demo project and users ({Users})", string.Join(", ", Users.Select(u => u.Email)));
    }

    /// <summary>Demo scenes whose tasks are accepted gold, answered from the renderer's own layout.</summary>
    public static readonly string[] GoldScenes = ["parking-notice.png", "street-sign.png"];

    /// <summary>
    /// Makes a few demo tasks gold, with answers taken from where the renderer put each line (exact ground truth),
    /// and mixes gold into the demo's queues often enough to see the quality loop at work on six images.
    /// </summary>
    static async Task SeedGoldAsync(IServiceProvider services, int projectId, UserManager<AppUser> users, ILogger log)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkbenchDb>>().CreateDbContextAsync();
        var lead = await users.FindByEmailAsync(Users[0].Email);
        var textLine = await db.LabelClasses.Where(c => c.ProjectId == projectId && c.Name == "Text line").Select(c => c.Id).FirstAsync();
        var assets = services.GetRequiredService<DataPaths>().Assets;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var scene in SampleImages.Scenes.Where(s => GoldScenes.Contains(s.Name)))
        {
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.ProjectId == projectId && t.FileName == scene.Name);
            if (task is null) continue;
            var answer = scene.Lines.Zip(SampleImages.LineBoxes(scene, assets)).Select(x => new RegionData(
                Guid.NewGuid(), GeometryKind.Box, textLine, [new(x.Second.X, x.Second.Y), new(x.Second.Right, x.Second.Bottom)], x.First.Text,
                new Provenance(RegionSource.Reviewer, lead!.Id))).ToList();
            await Revisions.FreezeAsync(db, task.Id, lead!.Id, now, answer, default);
            db.GoldAnswers.Add(new GoldAnswer { TaskId = task.Id, Regions = answer, Origin = "demo layout", CreatedBy = lead.Id, CreatedAt = now });
            task.Apply(TaskLifecycle.ImportAnswer(task.LeaseState).State);
            task.IsGold = true;
            task.LabeledBy = lead.Id;
            task.SubmittedAt = now;
        }
        var project = await db.Projects.FirstAsync(p => p.Id == projectId);
        var goldIds = await db.Tasks.Where(t => t.ProjectId == projectId && GoldScenes.Contains(t.FileName)).Select(t => t.Id).ToListAsync();
        project.Quality.GoldRate = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.GoldRate;
        // The two gold pages hold seven lines: the default minimum of 15 opportunities could never be reached.
        project.Quality.MinOpportunities = 5;
        await db.SaveChangesAsync();
        // Gold copies start from the models' suggestions with traps seeded in them: the gold scenes need the models
        // too, although they are done. (If the worker reached them while they were still ready, this finds suggestions and stops.)
        var queue = services.GetRequiredService<Inference.PreAnnotation.IPreAnnotationQueue>();
        if (queue.Enabled) await queue.EnqueueAsync(goldIds);
        log.LogInformation("Demo gold tasks: {Scenes}", string.Join(", ", GoldScenes));
    }

    const string Instructions = """
        ## How to label this project

        * Draw one region per **line of text**; follow the text tightly, without cutting off letters.
        * Use **Price** for amounts with a currency value, **Text line** for every other line.
        * Type the text **exactly as printed**, including punctuation; do not fix spelling.
        * Use **Logo** (box only) for brand marks without readable text.

        Keys: `V` select, `B` box, `P` polygon, `1`–`3` classes, `F` fit, `Ctrl+Z` undo, `Ctrl+Shift+Z` redo, `Del` delete.
        """;
}
