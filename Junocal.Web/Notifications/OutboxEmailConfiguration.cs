using Junocal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Notifications;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.LastError).HasMaxLength(OutboxEmail.MaxErrorLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Booking>().WithMany().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.BookingId, e.Kind, e.ClassRevision, e.ReminderMinutes }).IsUnique();
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.Ignore(e => e.DedupeKey);
    }
}
