namespace LabelerWorkbench.Features.DataManager;

public static class DataManagerServices
{
    public static IServiceCollection AddDataManager(this IServiceCollection services) => services
        .AddSingleton<TaskGridQuery>()
        .AddSingleton<TaskBulkActions>()
        .AddSingleton<TaskDetailService>()
        .AddSingleton<MyWorkService>()
        .AddSingleton<Thumbnails>();
}
