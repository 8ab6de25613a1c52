using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data.Configurations;

sealed class StoredImageConfiguration : IEntityTypeConfiguration<StoredImage>
{
    public void Configure(EntityTypeBuilder<StoredImage> e)
    {
        e.HasKey(i => i.Sha256);
        e.Property(i => i.Sha256).HasMaxLength(64);
        e.Property(i => i.ContentType).HasMaxLength(50);
    }
}

sealed class LabelTaskConfiguration : IEntityTypeConfiguration<LabelTask>
{
    public void Configure(EntityTypeBuilder<LabelTask> e)
    {
        e.Property(t => t.FileName).HasMaxLength(260);
        e.Property(t => t.CallbackUrl).HasMaxLength(2000);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(t => t.Image).WithMany().HasForeignKey(t => t.ImageSha256).OnDelete(DeleteBehavior.Restrict);
        // The queue: next ready task of a project in import order.
        e.HasIndex(t => new { t.ProjectId, t.Status, t.Id });
        // An image once per project, except the labelers' copies of gold and overlap tasks.
        e.HasIndex(t => new { t.ProjectId, t.ImageSha256 }).IsUnique().HasFilter("\"GoldSourceTaskId\" IS NULL AND \"ReplicaOfTaskId\" IS NULL");
        e.Ignore(t => t.IsOriginal);
        e.Property(t => t.ReplicaLabelerId).HasMaxLength(450);
        e.HasOne<LabelTask>().WithMany().HasForeignKey(t => t.ReplicaOfTaskId).OnDelete(DeleteBehavior.Restrict);
        // One replica per labeler per overlap task, whatever races between leases.
        e.HasIndex(t => new { t.ReplicaOfTaskId, t.ReplicaLabelerId }).IsUnique();
        // The overlap tasks still collecting replicas, and those past their deadline.
        e.HasIndex(t => new { t.ProjectId, t.ReplicasWanted, t.Status });
        e.HasOne<LabelTask>().WithMany().HasForeignKey(t => t.GoldSourceTaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.GoldSourceTaskId, t.LabeledBy });
        e.HasIndex(t => new { t.ReviewerId, t.Status });
    }
}

sealed class DraftRegionConfiguration : IEntityTypeConfiguration<DraftRegion>
{
    public void Configure(EntityTypeBuilder<DraftRegion> e)
    {
        e.Property(r => r.Id).ValueGeneratedNever();
        e.HasOne<LabelTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.Order });
        e.Property(r => r.Transcription).HasMaxLength(10_000);
        e.Property(r => r.Points).HasPointsJson();
    }
}

sealed class TaskRevisionConfiguration : IEntityTypeConfiguration<TaskRevision>
{
    public void Configure(EntityTypeBuilder<TaskRevision> e)
    {
        e.HasOne<LabelTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.Number }).IsUnique();
        // A lease reads its labeler's own first submissions (LabelerEvidenceQuery.BehaviourOfAsync).
        e.HasIndex(r => new { r.SubmittedBy, r.Number });
        e.Property(r => r.Regions).HasRegionsJson();
    }
}

sealed class ModelSuggestionConfiguration : IEntityTypeConfiguration<ModelSuggestion>
{
    public void Configure(EntityTypeBuilder<ModelSuggestion> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.ModelName).HasMaxLength(100);
        e.Property(s => s.ModelVersion).HasMaxLength(200);
        e.HasOne<LabelTask>().WithMany().HasForeignKey(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.TaskId);
        e.Property(s => s.Points).HasPointsJson();
    }
}

sealed class SuggestionOutcomeConfiguration : IEntityTypeConfiguration<SuggestionOutcome>
{
    public void Configure(EntityTypeBuilder<SuggestionOutcome> e)
    {
        e.Property(s => s.ModelName).HasMaxLength(100);
        e.Property(s => s.ModelVersion).HasMaxLength(200);
        e.HasOne<LabelTask>().WithMany().HasForeignKey(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.ModelName, s.ModelVersion });
        e.HasIndex(s => s.TaskId);
        e.HasIndex(s => s.DecidedBy);
    }
}

sealed class RegionCommentConfiguration : IEntityTypeConfiguration<RegionComment>
{
    public void Configure(EntityTypeBuilder<RegionComment> e)
    {
        e.HasOne<LabelTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.TaskId, c.RegionId, c.CreatedAt });
        e.Property(c => c.AuthorId).HasMaxLength(450);
        e.Property(c => c.Text).HasMaxLength(Features.Comments.RegionCommentRules.MaxLength);
    }
}
