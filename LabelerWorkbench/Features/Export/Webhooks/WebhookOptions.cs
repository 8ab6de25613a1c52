namespace LabelerWorkbench.Features.Export.Webhooks;

/// <summary>Settings under <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Hosts deliveries may go to ("hooks.example.com", or "*.example.com" for its subdomains). Empty: any host
    /// on a public address; a listed host may be private or loopback (the lead chose it).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
    /// <summary>The first retry waits this long; each further one waits twice as long as the last (capped at an hour).</summary>
    public double RetryBaseSeconds { get; set; } = 10;
    public int MaxAttempts { get; set; } = 8;
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>Send deliveries from this instance; with several app nodes on one database, turn it off on all but one.</summary>
    public bool Dispatch { get; set; } = true;
    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public double PollSeconds { get; set; } = 1;
    /// <summary>This server's public address, if it has one besides what it listens on; never a delivery target.</summary>
    public string? PublicUrl { get; set; }
}
