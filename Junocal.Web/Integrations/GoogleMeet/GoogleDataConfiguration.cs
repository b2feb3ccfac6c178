using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Integrations.GoogleMeet;

internal sealed class GoogleConnectionConfiguration : IEntityTypeConfiguration<GoogleConnection>
{
    public void Configure(EntityTypeBuilder<GoogleConnection> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.StudioId).IsUnique();   // one Google account per studio
        builder.HasIndex(c => c.GoogleSub).IsUnique();   // one studio per Google account: a revoke by one would end the other's grant
        builder.Property(c => c.GoogleSub).HasMaxLength(255);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.EncryptedRefreshToken).HasMaxLength(4000);
        builder.Property(c => c.GrantedScopes).HasMaxLength(1000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.StatusReason).HasMaxLength(GoogleConnection.MaxReasonLength);
        builder.Property(c => c.CalendarId).HasMaxLength(1024);
        builder.Property(c => c.CalendarProblem).HasMaxLength(GoogleConnection.MaxReasonLength);
        builder.Property(c => c.SyncToken).HasMaxLength(2000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Label);
        builder.Ignore(c => c.CanCreateMeetings);
        builder.HasOne<Studio>().WithMany().HasForeignKey(c => c.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoogleAccessTokenConfiguration : IEntityTypeConfiguration<GoogleAccessToken>
{
    public void Configure(EntityTypeBuilder<GoogleAccessToken> builder)
    {
        builder.HasKey(t => t.StudioId);
        builder.Property(t => t.EncryptedToken).HasMaxLength(8000);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<Studio>().WithMany().HasForeignKey(t => t.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoogleAuthorizationRequestConfiguration : IEntityTypeConfiguration<GoogleAuthorizationRequest>
{
    public void Configure(EntityTypeBuilder<GoogleAuthorizationRequest> builder)
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

internal sealed class GoogleWatchChannelConfiguration : IEntityTypeConfiguration<GoogleWatchChannel>
{
    public void Configure(EntityTypeBuilder<GoogleWatchChannel> builder)
    {
        builder.HasKey(c => c.ChannelId);
        builder.Property(c => c.ChannelId).HasMaxLength(64);
        builder.Property(c => c.ResourceId).HasMaxLength(255);
        builder.Property(c => c.TokenHash).HasMaxLength(64);
        builder.HasIndex(c => c.StudioId);
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasOne<Studio>().WithMany().HasForeignKey(c => c.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoogleClassEventConfiguration : IEntityTypeConfiguration<GoogleClassEvent>
{
    public void Configure(EntityTypeBuilder<GoogleClassEvent> builder)
    {
        builder.HasKey(e => e.ClassSessionId);
        builder.Property(e => e.ConferenceId).HasMaxLength(64);
        builder.HasIndex(e => e.StudioId);
        builder.HasOne<ClassSession>().WithOne().HasForeignKey<GoogleClassEvent>(e => e.ClassSessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
