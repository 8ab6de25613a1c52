using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data.Configurations;

sealed class QueuedJobConfiguration : IEntityTypeConfiguration<QueuedJob>
{
    public void Configure(EntityTypeBuilder<QueuedJob> e)
    {
        e.Property(j => j.Queue).HasMaxLength(40);
        e.Property(j => j.Holder).HasMaxLength(100);
        // A subject waits in a queue once, however often it is queued.
        e.HasIndex(j => new { j.Queue, j.Subject }).IsUnique();
        e.HasIndex(j => new { j.Queue, j.LeaseUntil });
    }
}

sealed class ServiceLeaseConfiguration : IEntityTypeConfiguration<ServiceLease>
{
    public void Configure(EntityTypeBuilder<ServiceLease> e)
    {
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(40);
        e.Property(l => l.Holder).HasMaxLength(100);
    }
}
