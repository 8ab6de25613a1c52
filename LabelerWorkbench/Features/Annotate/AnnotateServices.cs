namespace LabelerWorkbench.Features.Annotate;

public static class AnnotateServices
{
    public static IServiceCollection AddAnnotate(this IServiceCollection services)
    {
        services.AddOptions<AnnotateOptions>().BindConfiguration("Annotate").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LabelingService>();
        services.AddSingleton<TaskWriteGate>();
        return services;
    }
}
