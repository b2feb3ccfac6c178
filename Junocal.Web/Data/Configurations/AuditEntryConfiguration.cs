using Junocal.Domain.Auditing;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.MaxActionLength);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        builder.HasOne<Studio>().WithMany().HasForeignKey(a => a.StudioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.StudioId, a.OccurredAt });
        builder.HasIndex(a => a.ClassSessionId);
    }
}
