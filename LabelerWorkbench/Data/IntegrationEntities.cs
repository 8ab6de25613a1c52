using LabelerWorkbench.Features.Export;

namespace LabelerWorkbench.Data;

public enum ExportJobStatus { Queued = 0, Running = 1, Done = 2, Failed = 3 }

/// <summary>An export a lead asked for; its file lives in <c>{DataDirectory}/exports/{Id}{extension}</c>.</summary>
public sealed class ExportJob
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ExportFormat Format { get; set; }
    public bool AcceptedOnly { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ExportJobStatus Status { get; set; }
    public int ItemCount { get; set; }
    public long ByteSize { get; set; }
    public string? Error { get; set; }

    public ExportOptions Options => new(Format, AcceptedOnly, From, To);
}

/// <summary>
/// A key for the REST API. Only a hash of its secret is kept; the secret is shown once, at creation.
/// Scoped to one project, or (ProjectId null) allowed only to create projects.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public int? ProjectId { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's public part, used to find it; the secret follows it in the presented key.</summary>
    public required string Prefix { get; set; }
    /// <summary>Hex SHA-256 of the secret (a random 256-bit value needs no slow hash).</summary>
    public required string SecretHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>A URL told about every completed task of a project.</summary>
public sealed class Webhook
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Url { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum DeliveryStatus { Pending = 0, Delivered = 1, Failed = 2 }

/// <summary>
/// The outbox: one message to one URL, written in the same transaction as the change it announces, and
/// delivered (with retries) by the dispatcher. Nothing is lost when the app stops between the two.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public int? TaskId { get; set; }
    /// <summary>The task revision announced; one delivery per revision and address, however often it is accepted.</summary>
    public int? Revision { get; set; }
    public required string Url { get; set; }
    public required string EventType { get; set; }
    /// <summary>The exact bytes that are signed and sent, as UTF-8 text.</summary>
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DeliveryStatus Status { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One try at a delivery: when, the response status or the error, how long it took.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
