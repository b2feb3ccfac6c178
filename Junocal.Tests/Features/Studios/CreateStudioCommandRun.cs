using Junocal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Junocal.Tests.Features.Studios;

/// <summary>The README's create-studio command, run as an operator runs it: its own Production process on an empty database.</summary>
public class CreateStudioCommandRun
{
    private static readonly Dictionary<string, string> Password = new() { ["JUNOCAL_OWNER_PASSWORD"] = "Harbour-pass-42" };

    [Fact]
    public async Task CreatesTheStudioAndItsConfirmedOwnerAndExitsZero()
    {
        await using var app = AppProcess.Start(Password, "create-studio", "--name", "Harbour Yoga", "--time-zone", "Europe/Dublin",
            "--owner-name", "Ada Byrne", "--owner-email", "ada@harbour.test");

        Assert.Equal(0, await app.WaitForExitAsync());
        Assert.Contains(app.Lines, l => l.Contains("Created the studio \"Harbour Yoga\". ada@harbour.test can sign in now.", StringComparison.Ordinal));
        await using var db = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=false");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Harbour Yoga|harbour-yoga|Europe/Dublin", await ScalarAsync(db, "SELECT Name || '|' || Slug || '|' || TimeZoneId FROM Studios"));
        Assert.Equal("1|Owner", await ScalarAsync(db,
            "SELECT u.EmailConfirmed || '|' || m.Role FROM AspNetUsers u JOIN Memberships m ON m.UserId = u.Id WHERE u.Email = 'ada@harbour.test'"));
    }

    [Fact]
    public async Task RefusesAnUnknownTimeZoneNamingTheOptionAndCreatesNothing()
    {
        await using var app = AppProcess.Start(Password, "create-studio", "--name", "Harbour Yoga", "--time-zone", "Dublin",
            "--owner-name", "Ada Byrne", "--owner-email", "ada@harbour.test");

        Assert.Equal(1, await app.WaitForExitAsync());
        Assert.Contains(app.Lines, l => l.StartsWith("--time-zone: ", StringComparison.Ordinal));
        await using var db = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=false");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("0", await ScalarAsync(db, "SELECT COUNT(*) FROM Studios"));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
