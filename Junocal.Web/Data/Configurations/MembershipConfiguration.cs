using Junocal.Domain.People;
using Junocal.Domain.Studios;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasKey(m => new { m.StudioId, m.UserId });
        builder.Property(m => m.Role).HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Studio>().WithMany().HasForeignKey(m => m.StudioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JunocalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
        builder.HasIndex(m => new { m.StudioId, m.PersonId });
        builder.Ignore(m => m.IsActive);
    }
}
