using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Meetings;

internal sealed class ClassMeetingConfiguration : IEntityTypeConfiguration<ClassMeeting>
{
    public void Configure(EntityTypeBuilder<ClassMeeting> builder)
    {
        builder.HasKey(m => m.ClassSessionId);
        builder.Property(m => m.Provider).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ExternalId).HasMaxLength(64);
        builder.Property(m => m.JoinUrl).HasMaxLength(2000);
        builder.Property(m => m.Password).HasMaxLength(64);
        builder.Property(m => m.SentFingerprint).HasMaxLength(64);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(ClassMeeting.MaxErrorLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => new { m.Provider, m.ExternalId });
        builder.HasIndex(m => m.StudioId);
        builder.Ignore(m => m.HasMeeting);
        builder.HasOne<ClassSession>().WithOne().HasForeignKey<ClassMeeting>(m => m.ClassSessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
