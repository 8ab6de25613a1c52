using LabelerWorkbench.Inference.Models;
using LabelerWorkbench.Inference.PreAnnotation;
using LabelerWorkbench.Live;

namespace LabelerWorkbench.Inference;

public static class InferenceServices
{
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        services.AddOptions<PreAnnotationOptions>().BindConfiguration("PreAnnotation").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ModelRegistry(
            ModelRegistry.DefaultFolders(sp.GetRequiredService<Data.DataPaths>()), sp.GetRequiredService<ILogger<ModelRegistry>>()));
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<PreAnnotator>();
        services.AddSingleton<IPreAnnotationQueue, InProcessPreAnnotationQueue>();
        services.AddSingleton<PreAnnotationStatus>();
        services.AddHostedService<PreAnnotationWorker>();
        return services;
    }
}
