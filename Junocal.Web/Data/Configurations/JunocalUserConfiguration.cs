using Junocal.Domain.Studios;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class JunocalUserConfiguration : IEntityTypeConfiguration<JunocalUser>
{
    public void Configure(EntityTypeBuilder<JunocalUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(JunocalUser.MaxDisplayNameLength);
        builder.HasOne<Studio>().WithMany().HasForeignKey(u => u.ActiveStudioId).OnDelete(DeleteBehavior.Restrict);
    }
}
