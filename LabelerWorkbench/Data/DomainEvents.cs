namespace LabelerWorkbench.Data;

/// <summary>
/// Handles a domain event inside the change that raised it, on the same context: whatever it adds is saved in the
/// same transaction (the webhook outbox rows of a completed task, for example), so a crash cannot split them.
/// </summary>
public interface IDomainEventHandler<in TEvent>
{
    Task HandleAsync(WorkbenchDb db, TEvent domainEvent, CancellationToken ct);
}

/// <summary>Hands a domain event to every registered handler; the raiser need not know who they are.</summary>
public sealed class DomainEvents(IServiceProvider services)
{
    public async Task RaiseAsync<TEvent>(WorkbenchDb db, TEvent domainEvent, CancellationToken ct)
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
            await handler.HandleAsync(db, domainEvent, ct);
    }
}
