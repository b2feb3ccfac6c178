using Junocal.Domain.People;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(StaffMember.MaxNameLength);
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.Role).HasMaxLength(32);
        builder.HasOne<Studio>().WithMany().HasForeignKey(s => s.StudioId).OnDelete(DeleteBehavior.Restrict);
        // Several instructors may have no email; SQL Server's unique index then needs the filter to allow that.
        builder.HasIndex(s => new { s.StudioId, s.Email }).IsUnique().HasFilter("[Email] IS NOT NULL");
        builder.Ignore(s => s.IsActive);
    }
}
