using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Features.Export;

public static class ExportServices
{
    public static IServiceCollection AddExport(this IServiceCollection services)
    {
        services.AddSingleton<ExportJobs>();
        services.AddHostedService<ExportWorker>();
        return services;
    }

    /// <summary>The download link of a finished export, for leads.</summary>
    public static IEndpointRouteBuilder MapExportFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/{jobId:int}/file", async (int jobId, ExportJobs jobs, IDbContextFactory<WorkbenchDb> dbFactory) =>
        {
            var job = await jobs.FindAsync(jobId);
            if (job is not { Status: ExportJobStatus.Done } || !File.Exists(jobs.FileOf(job)))
                return Results.Problem("No such finished export.", statusCode: 404);
            await using var db = await dbFactory.CreateDbContextAsync();
            var project = await db.Projects.Where(p => p.Id == job.ProjectId).Select(p => p.Name).FirstAsync();
            var name = $"{ExportNames.Safe(project)}-{job.Format.ToString().ToLowerInvariant()}-{job.Id}{job.Options.FileExtension}";
            var type = job.Options.FileExtension switch { ".zip" => "application/zip", ".json" => "application/json", _ => "application/x-ndjson" };
            return Results.File(jobs.FileOf(job), type, name, enableRangeProcessing: true);
        }).RequireAuthorization(p => p.RequireRole(Roles.Lead));
        return app;
    }
}
