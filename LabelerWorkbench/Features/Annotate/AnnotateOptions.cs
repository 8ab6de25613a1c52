using System.ComponentModel.DataAnnotations;

namespace LabelerWorkbench.Features.Annotate;

/// <summary>Settings under <c>Annotate</c>.</summary>
public sealed class AnnotateOptions
{
    /// <summary>How long a lease lasts without a save; every save renews it. Default 30 minutes.</summary>
    [Range(1, 24 * 60)]
    public int LeaseMinutes { get; set; } = 30;

    /// <summary>Delay after the last edit before the page saves, in milliseconds. Default 300.</summary>
    [Range(50, 5000)]
    public int AutosaveDelayMs { get; set; } = 300;

    public TimeSpan LeaseDuration => TimeSpan.FromMinutes(LeaseMinutes);
}
