using Microsoft.ML.OnnxRuntime;

namespace LabelerWorkbench.Inference.Models;

/// <summary>
/// How many threads one model run uses and whether they spin while waiting for work. Spinning threads keep a core
/// busy between operators; beside a web server on the same cores they take its CPU time for nothing (see the README's
/// contention table), so the default does not spin.
/// </summary>
public sealed record OnnxThreading(int IntraOpThreads, bool AllowSpinning)
{
    public static OnnxThreading Default => new(Math.Max(1, Environment.ProcessorCount), AllowSpinning: false);

    public Microsoft.ML.OnnxRuntime.SessionOptions ToSessionOptions()
    {
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", AllowSpinning ? "1" : "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", AllowSpinning ? "1" : "0");
        return options;
    }
}
