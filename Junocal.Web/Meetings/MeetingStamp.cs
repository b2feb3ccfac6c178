using Junocal.Domain;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Meetings;

/// <summary>
/// How many times the link state of a studio's classes has changed: bumped after each change
/// (<see cref="MeetingChanges.Changed"/>), so every app instance on the database notices a change another instance made
/// by reading one number per studio (<see cref="MeetingStamps"/>). The meeting sync owns it; nothing else writes it.
/// </summary>
public sealed class MeetingStamp : IStudioOwned
{
    private MeetingStamp()
    {
    }

    public Guid StudioId { get; private set; }

    public long Value { get; private set; }

    /// <summary>The first change of a studio's link state.</summary>
    public static MeetingStamp First(Guid studioId) => new() { StudioId = studioId, Value = 1 };
}

internal sealed class MeetingStampConfiguration : IEntityTypeConfiguration<MeetingStamp>
{
    public void Configure(EntityTypeBuilder<MeetingStamp> builder)
    {
        builder.HasKey(s => s.StudioId);
        builder.HasOne<Studio>().WithMany().HasForeignKey(s => s.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}
