using Junocal.Web.Notifications;
using Junocal.Domain.Studios;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Features.Account;

internal sealed class AccountEmailConfiguration : IEntityTypeConfiguration<AccountEmail>
{
    public void Configure(EntityTypeBuilder<AccountEmail> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ReturnUrl).HasMaxLength(AccountEmail.MaxReturnUrlLength);
        builder.Property(e => e.LastError).HasMaxLength(AccountEmail.MaxErrorLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<JunocalUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Studio>().WithMany().HasForeignKey(e => e.StudioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.HasIndex(e => new { e.UserId, e.Kind, e.CreatedAt });
    }
}
