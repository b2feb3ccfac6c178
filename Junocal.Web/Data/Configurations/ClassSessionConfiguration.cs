using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Junocal.Web.Data.Configurations;

internal sealed class ClassSessionConfiguration : IEntityTypeConfiguration<ClassSession>
{
    public void Configure(EntityTypeBuilder<ClassSession> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(ClassSession.MaxNameLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CancellationReason).HasMaxLength(500);
        // The app increments RowVersion on every change, bookings included; the same token works on both providers.
        builder.Property(c => c.RowVersion).IsConcurrencyToken();

        builder.ComplexProperty(c => c.Location, location =>
        {
            location.Property(l => l.Kind).HasColumnName("LocationKind").HasConversion<string>().HasMaxLength(16);
            location.Property(l => l.Room).HasColumnName("LocationRoom").HasMaxLength(Location.MaxRoomLength);
            location.Property(l => l.Url).HasColumnName("LocationUrl").HasMaxLength(Location.MaxUrlLength);
        });

        builder.HasOne<Studio>().WithMany().HasForeignKey(c => c.StudioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.InstructorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Bookings).WithOne().HasForeignKey(b => b.ClassSessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Bookings).HasField("_bookings").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => new { c.StudioId, c.StartsAt });
        builder.HasIndex(c => new { c.InstructorId, c.StartsAt });
        builder.Ignore(c => c.EndsAt);
        builder.Ignore(c => c.BookedCount);
        builder.Ignore(c => c.IsCancelled);
    }
}
