using System.ComponentModel.DataAnnotations;

namespace LabelerWorkbench.Inference.PreAnnotation;

/// <summary>Settings under <c>PreAnnotation</c>.</summary>
public sealed class PreAnnotationOptions
{
    /// <summary>Run models on imported images at all (projects can also turn it off each). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a node holds a task it is pre-annotating without renewing (it renews every third of it while it runs):
    /// a node that dies mid-task leaves the task to another node after this. Default 60 s.
    /// </summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Threads one model run may use; 0 means one per core. Default 0.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>Let ONNX Runtime's threads spin while waiting (faster alone, slower beside a busy web server). Default false.</summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Suggestions (and characters) under this confidence are flagged to the labeler. Default 0.8.</summary>
    [Range(0.0, 1.0)]
    public double LowConfidence { get; set; } = 0.8;
}

