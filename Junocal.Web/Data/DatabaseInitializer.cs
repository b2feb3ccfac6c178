using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Data;

/// <summary>
/// Brings the database to the current migration before the server accepts requests, then runs the seeders
/// (demo data, when asked). A database that cannot be reached stops start-up with one line saying what to fix.
/// </summary>
internal sealed partial class DatabaseInitializer(
    SystemDbContextFactory contexts,
    IEnumerable<IDatabaseSeeder> seeders,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }

        foreach (var seeder in seeders)
        {
            await seeder.SeedIfRequestedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        try
        {
            if (db.Database.IsSqlite() && SqliteConnectionStrings.DatabaseFile(db.Database.GetConnectionString()!) is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                db, static (database, ct) => database.Database.MigrateAsync(ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var provider = options.Value.Provider;
            LogDatabaseUnavailable(logger, provider, ex.Message);
            throw new DatabaseUnavailableException(
                $"The {provider} database could not be opened: {ex.Message} Fix ConnectionStrings:{DataModule.ConnectionStringName} (and Database:Provider).",
                ex);
        }
    }

    [LoggerMessage(EventId = LogEvents.Data.CannotOpen, Level = LogLevel.Critical,
        Message = "Cannot open the {Provider} database: {Reason} Set ConnectionStrings:Junocal (and Database:Provider) to a reachable database.")]
    private static partial void LogDatabaseUnavailable(ILogger logger, DatabaseProvider provider, string reason);
}

public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
