using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Data;

public sealed class WorkbenchDb(DbContextOptions<WorkbenchDb> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<LabelClass> LabelClasses => Set<LabelClass>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<StoredImage> Images => Set<StoredImage>();
    public DbSet<LabelTask> Tasks => Set<LabelTask>();
    public DbSet<DraftRegion> DraftRegions => Set<DraftRegion>();
    public DbSet<TaskRevision> Revisions => Set<TaskRevision>();
    public DbSet<ModelSuggestion> Suggestions => Set<ModelSuggestion>();
    public DbSet<SuggestionOutcome> SuggestionOutcomes => Set<SuggestionOutcome>();
    public DbSet<GoldAnswer> GoldAnswers => Set<GoldAnswer>();
    public DbSet<QualityCheck> QualityChecks => Set<QualityCheck>();
    public DbSet<QualityEvent> QualityEvents => Set<QualityEvent>();
    public DbSet<TaskReview> Reviews => Set<TaskReview>();
    public DbSet<LeadReturn> LeadReturns => Set<LeadReturn>();
    public DbSet<QualityFlag> QualityFlags => Set<QualityFlag>();
    public DbSet<TrainingAssignment> TrainingAssignments => Set<TrainingAssignment>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<RegionComment> RegionComments => Set<RegionComment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDb).Assembly);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Revisions are immutable; every task change bumps its concurrency token.</summary>
    void GuardChanges()
    {
        foreach (var entry in ChangeTracker.Entries<TaskRevision>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"Revision {entry.Entity.Id} is immutable and cannot be changed or deleted.");
        }
        foreach (var entry in ChangeTracker.Entries<LabelTask>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
    }
}
