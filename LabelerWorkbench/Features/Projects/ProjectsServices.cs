using LabelerWorkbench.Features.Projects.Import;

namespace LabelerWorkbench.Features.Projects;

public static class ProjectsServices
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration("Import").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<ProjectAdminService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<DecodeBudget>();
        return services;
    }
}
