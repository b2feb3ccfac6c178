using Junocal.Domain;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Meetings;

/// <summary>
/// A studio's account at one provider has used up its daily quota of new or changed meetings: until
/// <see cref="Until"/> no create or update is sent for the studio (deletes still are). Kept in the database, so a
/// restarted instance, and every other instance, honor it without asking the provider again.
/// </summary>
public sealed class MeetingQuotaPause : IStudioOwned
{
    private MeetingQuotaPause()
    {
    }

    public Guid StudioId { get; private set; }

    public LocationKind Provider { get; private set; }

    /// <summary>When the provider takes creates and updates again (its next daily reset).</summary>
    public DateTimeOffset Until { get; private set; }

    public static MeetingQuotaPause Start(Guid studioId, LocationKind provider, DateTimeOffset until) =>
        new() { StudioId = studioId, Provider = provider, Until = until };

    public void Extend(DateTimeOffset until) => Until = until;
}

internal sealed class MeetingQuotaPauseConfiguration : IEntityTypeConfiguration<MeetingQuotaPause>
{
    public void Configure(EntityTypeBuilder<MeetingQuotaPause> builder)
    {
        builder.HasKey(p => new { p.StudioId, p.Provider });
        builder.Property(p => p.Provider).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Studio>().WithMany().HasForeignKey(p => p.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}
