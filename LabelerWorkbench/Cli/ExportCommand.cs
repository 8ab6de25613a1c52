using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Export;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Cli;

/// <summary>
/// <c>export --project NAME --format coco|yolo|voc|icdar|jsonl --out PATH [--all] [--from DATE] [--to DATE]</c>:
/// the same export as the project page, straight from the configured database, with a progress bar.
/// </summary>
public static class ExportCommand
{
    const string Usage = "Usage: export --project NAME --format coco|yolo|voc|icdar|jsonl --out PATH [--all] [--from YYYY-MM-DD] [--to YYYY-MM-DD]";

    public static async Task<int> RunAsync(string[] args)
    {
        var projectName = CliArgs.Option(args, "--project");
        var output = CliArgs.PathOption(args, "--out");
        if (projectName is null || output is null || !ExportOptions.TryParseFormat(CliArgs.Option(args, "--format"), out var format))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (!TryDate(args, "--from", out var from) || !TryDate(args, "--to", out var to))
        {
            Console.Error.WriteLine("Dates are written YYYY-MM-DD. " + Usage);
            return 2;
        }
        // The same settings as the server (appsettings, environment, --DataDirectory, --ConnectionStrings:Default).
        var builder = Host.CreateApplicationBuilder(args.Where(a => a is not "--all").ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkbenchData();
        using var host = builder.Build();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<WorkbenchDb>>();
        if (!await DataServices.HasSchemaAsync(host.Services))
        {
            Console.Error.WriteLine("The database holds no workbench data; run the app once, or point --DataDirectory (or --Database:Provider and --ConnectionStrings:Default) at its data.");
            return 1;
        }
        // Brought up to date as the server would on start, so an export never reads a half-known schema.
        await DataServices.MigrateAsync(host.Services);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var projectId = await db.Projects.Where(p => p.Name == projectName).Select(p => (int?)p.Id).FirstOrDefaultAsync();
            if (projectId is null)
            {
                var names = await db.Projects.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync();
                Console.Error.WriteLine($"No project named '{projectName}'. Projects: {string.Join(", ", names)}");
                return 1;
            }
            var options = new ExportOptions(format, AcceptedOnly: !args.Contains("--all"), from, to?.AddDays(1));
            var source = await DbExportSource.OpenAsync(dbFactory, host.Services.GetRequiredService<BlobStore>(), projectId.Value, options, default);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var bar = new ProgressBar();
            await Exporter.WriteFileAsync(source, format, output, new SyncProgress<double>(bar.Show), default);
            bar.Done();
            Console.WriteLine($"Exported {source.Count} image{(source.Count == 1 ? "" : "s")} as {format.ToString().ToLowerInvariant()} to {Path.GetFullPath(output)} " +
                $"({new FileInfo(output).Length / 1024.0:F0} KiB) in {started.Elapsed.TotalSeconds:F1} s");
        }
        return 0;
    }

    static bool TryDate(string[] args, string name, out DateTime? date)
    {
        date = null;
        if (CliArgs.Option(args, name) is not { } text) return true;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d)) return false;
        date = d;
        return true;
    }
}
