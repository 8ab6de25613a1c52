using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Data;

/// <summary>
/// The app's one model, on either provider. Queries always use this type; only migrations differ per provider, so
/// PostgreSQL's own set is attributed to <see cref="PostgresMigrationsDb"/> (EF finds migrations by context type).
/// </summary>
public class WorkbenchDb : IdentityDbContext<AppUser>
{
    public WorkbenchDb(DbContextOptions<WorkbenchDb> options) : base(options) { }
    protected WorkbenchDb(DbContextOptions options) : base(options) { }

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
    public DbSet<ConsensusResult> ConsensusResults => Set<ConsensusResult>();
    public DbSet<QueuedJob> QueuedJobs => Set<QueuedJob>();
    public DbSet<ServiceLease> ServiceLeases => Set<ServiceLease>();

    /// <summary>
    /// Times are UTC <see cref="DateTime"/> everywhere (SQLite has no time-zone type). PostgreSQL keeps them as
    /// <c>timestamp with time zone</c>, which takes only UTC-kind values: every DateTime is marked UTC on its way in and out.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        if (Database.ProviderName != DatabaseProviders.NpgsqlName) return;
        configuration.Properties<DateTime>().HaveConversion<UtcKind>();
        configuration.Properties<DateTime?>().HaveConversion<UtcKind>();
    }

    sealed class UtcKind() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

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

/// <summary>The same model, for applying and generating PostgreSQL's migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresMigrationsDb(DbContextOptions<PostgresMigrationsDb> options) : WorkbenchDb(options);

/// <summary>For <c>dotnet ef migrations add … --context PostgresMigrationsDb</c>: no server is needed to generate a migration.</summary>
public sealed class PostgresMigrationsDbFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresMigrationsDb>
{
    public PostgresMigrationsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMigrationsDb>().UseNpgsql("Host=localhost;Database=design").Options);
}

/// <summary>
/// For <c>dotnet ef … --context WorkbenchDb</c> (the SQLite migrations). Without it the tools would take the PostgreSQL
/// factory above for this context too (its context type derives from this one) and diff the wrong provider.
/// </summary>
public sealed class SqliteWorkbenchDbFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<WorkbenchDb>
{
    public WorkbenchDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkbenchDb>().UseSqlite("Data Source=design.db").Options);
}
