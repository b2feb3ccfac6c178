using Junocal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Junocal.Tests.Data;

public class Migrations
{
    [Fact]
    public async Task ApplyToAnEmptySqliteDatabaseAndLeaveNothingPending()
    {
        var file = Path.Combine(Path.GetTempPath(), $"junocal-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteJunocalDbContext>().UseSqlite($"Data Source={file}").Options;
            await using (var db = new SqliteJunocalDbContext(options))
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.False(db.Database.HasPendingModelChanges());
                Assert.Equal(0, await db.ClassSessions.IgnoreQueryFilters().CountAsync());
                Assert.Equal(0, await db.Users.CountAsync());
                Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void GenerateAnIdempotentSqlServerScriptWithNothingPending()
    {
        var options = new DbContextOptionsBuilder<SqlServerJunocalDbContext>()
            .UseSqlServer("Server=unused;Database=Junocal;TrustServerCertificate=true").Options;
        using var db = new SqlServerJunocalDbContext(options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Contains("CREATE TABLE [ClassSessions]", script, StringComparison.Ordinal);
        Assert.Contains("[StartsAt] datetimeoffset NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script, StringComparison.Ordinal);
    }
}
