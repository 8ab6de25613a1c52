using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelerWorkbench.Data.Configurations;

sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> e)
    {
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.DetectionModel).HasMaxLength(100);
        e.Property(p => p.RecognitionModel).HasMaxLength(100);
        e.Property(p => p.BoxModel).HasMaxLength(100);
        e.HasIndex(p => p.Name).IsUnique();
        e.OwnsOne(p => p.Quality, q => q.Property(x => x.TrainingMode).HasConversion<string>().HasMaxLength(20));
        e.Navigation(p => p.Quality).IsRequired();
        e.HasMany(p => p.Classes).WithOne().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class LabelClassConfiguration : IEntityTypeConfiguration<LabelClass>
{
    public void Configure(EntityTypeBuilder<LabelClass> e)
    {
        e.Property(c => c.Name).HasMaxLength(100);
        e.Property(c => c.Color).HasMaxLength(9);
        e.Property(c => c.Hotkey).HasMaxLength(1);
        e.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
    }
}

sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> e)
    {
        e.HasKey(m => new { m.ProjectId, m.UserId });
        e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
