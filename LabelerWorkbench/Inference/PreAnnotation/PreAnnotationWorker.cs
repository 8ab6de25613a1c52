namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>Takes tasks from the queue one at a time (ONNX Runtime already uses every core per image).</summary>
public sealed class PreAnnotationWorker(IPreAnnotationQueue queue, PreAnnotator annotator, ILogger<PreAnnotationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.RequeueInterruptedAsync(stoppingToken);
        await foreach (var taskId in queue.ReadAllAsync(stoppingToken))
        {
            try { await annotator.RunAsync(taskId, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogError(ex, "Pre-annotation worker failed on task {Task}", taskId); }
        }
    }
}
