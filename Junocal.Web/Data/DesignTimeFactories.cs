using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Junocal.Web.Data;

// `dotnet ef` builds each provider's context here, so generating and checking migrations needs no running
// database and no app configuration. Neither connection string is ever opened by those commands.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJunocalDbContext>
{
    public SqliteJunocalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteJunocalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerJunocalDbContext>
{
    public SqlServerJunocalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerJunocalDbContext>()
            .UseSqlServer("Server=localhost;Database=Junocal;Integrated Security=true;TrustServerCertificate=true").Options);
}
