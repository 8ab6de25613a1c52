using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data.Configurations;

sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(j => j.Format).HasConversion<string>().HasMaxLength(20);
        e.Property(j => j.Error).HasMaxLength(2000);
        e.HasIndex(j => new { j.ProjectId, j.CreatedAt });
    }
}

sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(k => k.Name).HasMaxLength(200);
        e.Property(k => k.Prefix).HasMaxLength(40);
        e.Property(k => k.SecretHash).HasMaxLength(64);
        e.HasIndex(k => k.Prefix).IsUnique();
    }
}

sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(w => w.Url).HasMaxLength(2000);
    }
}

sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(d => d.Url).HasMaxLength(2000);
        e.Property(d => d.EventType).HasMaxLength(60);
        e.Property(d => d.LastError).HasMaxLength(2000);
        e.HasIndex(d => new { d.Status, d.NextAttemptAt });
        e.HasIndex(d => new { d.ProjectId, d.CreatedAt });
        e.HasIndex(d => new { d.TaskId, d.Revision });
    }
}

sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> e)
    {
        e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        e.Property(a => a.Error).HasMaxLength(2000);
        e.HasIndex(a => a.DeliveryId);
    }
}
