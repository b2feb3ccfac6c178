using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class StudioConfiguration : IEntityTypeConfiguration<Studio>
{
    public void Configure(EntityTypeBuilder<Studio> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Studio.MaxNameLength);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.Slug).HasMaxLength(StudioSlug.MaxLength);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.ContactEmail).HasMaxLength(256);
        builder.Property(s => s.ReminderMinutesBefore).HasMaxLength(64);
        builder.Ignore(s => s.TimeZone);
        builder.Ignore(s => s.Reminders);
    }
}
