using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Integrations.Zoom;

internal sealed class ZoomConnectionConfiguration : IEntityTypeConfiguration<ZoomConnection>
{
    public void Configure(EntityTypeBuilder<ZoomConnection> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.StudioId).IsUnique();   // one Zoom account per studio
        builder.HasIndex(c => c.ZoomUserId).IsUnique();   // one studio per Zoom user: a revoke by one would end the other's grant
        builder.HasIndex(c => c.ZoomAccountId);
        builder.Property(c => c.ZoomUserId).HasMaxLength(64);
        builder.Property(c => c.ZoomAccountId).HasMaxLength(64);
        builder.Property(c => c.ZoomEmail).HasMaxLength(256);
        builder.Property(c => c.EncryptedRefreshToken).HasMaxLength(4000);
        builder.Property(c => c.GrantedScopes).HasMaxLength(1000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.StatusReason).HasMaxLength(ZoomConnection.MaxReasonLength);
        builder.Property(c => c.CheckMeetingId).HasMaxLength(32);
        builder.Property(c => c.CheckProblem).HasMaxLength(ZoomConnection.MaxReasonLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Label);
        builder.Ignore(c => c.AccountName);
        builder.Ignore(c => c.NeedsCheck);
        builder.HasOne<Studio>().WithMany().HasForeignKey(c => c.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ZoomAccessTokenConfiguration : IEntityTypeConfiguration<ZoomAccessToken>
{
    public void Configure(EntityTypeBuilder<ZoomAccessToken> builder)
    {
        builder.HasKey(t => t.StudioId);
        builder.Property(t => t.EncryptedToken).HasMaxLength(8000);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<Studio>().WithMany().HasForeignKey(t => t.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ZoomAuthorizationRequestConfiguration : IEntityTypeConfiguration<ZoomAuthorizationRequest>
{
    public void Configure(EntityTypeBuilder<ZoomAuthorizationRequest> builder)
    {
        builder.HasKey(r => r.StateHash);
        builder.Property(r => r.StateHash).HasMaxLength(64);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.ProtectedVerifier).HasMaxLength(2000);
        builder.Property(r => r.RedirectUri).HasMaxLength(2000);
        builder.HasIndex(r => r.ExpiresAt);
        builder.HasOne<Studio>().WithMany().HasForeignKey(r => r.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}
