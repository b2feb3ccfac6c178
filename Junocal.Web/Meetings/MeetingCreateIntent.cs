using Junocal.Domain;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Meetings;

/// <summary>
/// A create call Junocal is about to make, saved before the provider hears of it and removed in the same save that
/// records the provider's answer. One still standing when the class is next synced marks an uncertain create: the
/// process died (or the answer was lost) between the call and the write-back, so the provider may hold a meeting no
/// class knows of, recognisable by <see cref="Agenda"/> (ADR 0011).
/// </summary>
public sealed class MeetingCreateIntent : IStudioOwned
{
    private MeetingCreateIntent()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public Guid ClassSessionId { get; private set; }
    public LocationKind Provider { get; private set; }

    /// <summary>The agenda the meeting was created with: what the owner finds it by at the provider.</summary>
    public string Agenda { get; private set; } = "";

    public DateTimeOffset StartedAt { get; private set; }

    public static MeetingCreateIntent Before(ClassMeeting row, DesiredMeeting desired, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        StudioId = row.StudioId,
        ClassSessionId = row.ClassSessionId,
        Provider = desired.Provider,
        Agenda = desired.Agenda,
        StartedAt = now,
    };
}

internal sealed class MeetingCreateIntentConfiguration : IEntityTypeConfiguration<MeetingCreateIntent>
{
    public void Configure(EntityTypeBuilder<MeetingCreateIntent> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Provider).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Agenda).HasMaxLength(500);
        builder.HasIndex(i => i.ClassSessionId);
        // No foreign key to the class: the note must outlive a class or row that goes before it is resolved.
        builder.HasOne<Studio>().WithMany().HasForeignKey(i => i.StudioId).OnDelete(DeleteBehavior.Cascade);
    }
}
