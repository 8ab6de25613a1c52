using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data.Configurations;

sealed class GoldAnswerConfiguration : IEntityTypeConfiguration<GoldAnswer>
{
    public void Configure(EntityTypeBuilder<GoldAnswer> e)
    {
        e.HasKey(g => g.TaskId);
        e.HasOne<LabelTask>().WithOne().HasForeignKey<GoldAnswer>(g => g.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.Property(g => g.Origin).HasMaxLength(300);
        e.Property(g => g.Regions).HasRegionsJson();
    }
}

sealed class QualityCheckConfiguration : IEntityTypeConfiguration<QualityCheck>
{
    public void Configure(EntityTypeBuilder<QualityCheck> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.ProjectId, c.SubjectId, c.At });
        e.HasIndex(c => c.TaskId);
        e.HasIndex(c => c.MonitoredAt);
    }
}

sealed class QualityEventConfiguration : IEntityTypeConfiguration<QualityEvent>
{
    public void Configure(EntityTypeBuilder<QualityEvent> e)
    {
        e.HasOne<QualityCheck>().WithMany(c => c.Events).HasForeignKey(x => x.CheckId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Code).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(x => new { x.ProjectId, x.SubjectId, x.Code, x.At });
    }
}

sealed class ReviewConfiguration : IEntityTypeConfiguration<TaskReview>
{
    public void Configure(EntityTypeBuilder<TaskReview> e)
    {
        e.HasOne<LabelTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.RevisionNumber });
        e.Property(r => r.Comment).HasMaxLength(4000);
    }
}

sealed class LeadReturnConfiguration : IEntityTypeConfiguration<LeadReturn>
{
    public void Configure(EntityTypeBuilder<LeadReturn> e)
    {
        e.HasOne<LabelTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.RevisionNumber });
        e.Property(r => r.Comment).HasMaxLength(4000);
    }
}

sealed class QualityFlagConfiguration : IEntityTypeConfiguration<QualityFlag>
{
    public void Configure(EntityTypeBuilder<QualityFlag> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(f => f.Code).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(f => new { f.ProjectId, f.LabelerId, f.Code, f.RaisedAt });
    }
}

sealed class TrainingAssignmentConfiguration : IEntityTypeConfiguration<TrainingAssignment>
{
    public void Configure(EntityTypeBuilder<TrainingAssignment> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(a => a.Code).HasConversion<string>().HasMaxLength(40);
        e.Property(a => a.ModuleId).HasMaxLength(100);
        e.HasIndex(a => new { a.LabelerId, a.Status });
    }
}

sealed class ConsensusResultConfiguration : IEntityTypeConfiguration<ConsensusResult>
{
    public void Configure(EntityTypeBuilder<ConsensusResult> e)
    {
        e.HasOne<LabelTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        // One merge per task: a second completion attempt (a race, a deadline sweep) fails on this and changes nothing.
        e.HasIndex(c => c.TaskId).IsUnique();
        e.HasIndex(c => new { c.ProjectId, c.MergedAt });
    }
}
