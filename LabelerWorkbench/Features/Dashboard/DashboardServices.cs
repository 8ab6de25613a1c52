namespace LabelerWorkbench.Features.Dashboard;

public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddSingleton<DashboardService>();
}
