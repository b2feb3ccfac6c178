using Junocal.Domain.People;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.Name).HasMaxLength(Invitation.MaxNameLength);
        builder.Property(i => i.Role).HasMaxLength(32);
        builder.Property(i => i.InvitedBy).HasMaxLength(256);
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        // Two tabs accepting, or a resend racing an accept: the second writer loses instead of both winning.
        builder.Property(i => i.LinkVersion).IsConcurrencyToken();
        builder.HasOne<Studio>().WithMany().HasForeignKey(i => i.StudioId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.StudioId, i.Email, i.Status });
    }
}
