using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

public sealed class SqliteJunocalDbContext(DbContextOptions<SqliteJunocalDbContext> options) : JunocalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset, and EF's binary converter sorts wrongly across
        // offsets; UTC ticks order correctly and every instant is UTC anyway.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
