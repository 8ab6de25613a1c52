namespace LabelerWorkbench.Features.Dashboard;

public static class DashboardServices
{
    /// <summary>One service per audience: the lead's dashboard, the reviewer's and the labeler's own numbers.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services
        .AddSingleton<LeadDashboardService>()
        .AddSingleton<ReviewerStatsService>()
        .AddSingleton<LabelerStatsService>();
}
