using LabelerWorkbench.Inference.Models;
using LabelerWorkbench.Inference.PreAnnotation;
using LabelerWorkbench.Live;

namespace LabelerWorkbench.Inference;

public static class InferenceServices
{
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        services.AddOptions<PreAnnotationOptions>().BindConfiguration("PreAnnotation").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PreAnnotationOptions>>().Value;
            var threading = new OnnxThreading(options.Threads > 0 ? options.Threads : OnnxThreading.Default.IntraOpThreads, options.AllowSpinning);
            return new ModelRegistry(ModelRegistry.DefaultFolders(sp.GetRequiredService<Data.DataPaths>()), sp.GetRequiredService<ILogger<ModelRegistry>>(), threading);
        });
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<PreAnnotator>();
        services.AddSingleton<IPreAnnotationQueue, PreAnnotationQueue>();
        services.AddSingleton<PreAnnotationStatus>();
        services.AddHostedService<PreAnnotationWorker>();
        return services;
    }
}
