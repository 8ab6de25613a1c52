using LabelerWorkbench.Features.Quality.Gold;
using LabelerWorkbench.Features.Quality.Monitor;
using LabelerWorkbench.Features.Quality.Training;
using Microsoft.AspNetCore.Authorization;

namespace LabelerWorkbench.Features.Quality;

public static class QualityServices
{
    public static IServiceCollection AddQuality(this IServiceCollection services)
    {
        services.AddSingleton<IQualityEventQueue, StoredCheckQueue>();
        services.AddSingleton<TrainingLibrary>();
        services.AddSingleton<TrainingService>();
        services.AddSingleton<GoldService>();
        services.AddSingleton<TeamBehaviourCache>();
        services.AddSingleton<QualityOverview>();
        services.AddHostedService<QualityMonitor>();
        return services;
    }

    public static IEndpointRouteBuilder MapTrainingFiles(this IEndpointRouteBuilder app)
    {
        // Lesson and practice images. Only files inside a module's folder; served as images, never as HTML.
        app.MapGet("/training-files/{module}/{file}", (string module, string file, TrainingLibrary library) =>
        {
            if (library.FilePath(module, file) is not { } path) return Results.NotFound();
            var type = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".png" => "image/png", ".jpg" or ".jpeg" => "image/jpeg", ".webp" => "image/webp",
                _ => null,
            };
            return type is null ? Results.NotFound() : Results.File(path, type);
        }).RequireAuthorization(new AuthorizeAttribute());
        return app;
    }
}
