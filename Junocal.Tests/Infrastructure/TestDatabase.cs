using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Respawn;
using Respawn.Graph;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The database a test host runs on, its own and no other host's: a fresh SQLite file by default, or a fresh
/// database on the SQL Server named by JUNOCAL_TEST_SQLSERVER, created for the host and dropped after it. Either way
/// Respawn empties it between tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "JUNOCAL_TEST_SQLSERVER";

    // Migration history and keys must survive; Quartz's tables belong to a running scheduler, not to a test.
    private static readonly Table[] KeptTables =
    [
        new("__EFMigrationsHistory"), new("DataProtectionKeys"),
        .. Junocal.Web.Jobs.QuartzSqlServerSchema.TablesInDropOrder.Select(name => new Table(name)),
    ];
    private Respawner? _respawner;

    private TestDatabase(string provider, string connectionString, string? file, string? sqlServerDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        File = file;
        SqlServerDatabase = sqlServerDatabase;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    private string? File { get; }
    private string? SqlServerDatabase { get; }

    public bool IsSqlServer => Provider == "SqlServer";

    public static TestDatabase Create()
    {
        var sqlServer = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (!string.IsNullOrWhiteSpace(sqlServer))
        {
            // Hosts run in parallel: one host's Respawn must never empty another's tables.
            var name = $"JunocalTests_{Guid.NewGuid():N}";
            var connection = new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = name };
            return new TestDatabase("SqlServer", connection.ConnectionString, null, name);
        }

        var file = Path.Combine(Path.GetTempPath(), $"junocal-tests-{Guid.NewGuid():N}.db");
        return new TestDatabase("Sqlite", $"Data Source={file}", file, null);
    }

    /// <summary>Creates the SQL Server database (the app migrates it on start); a SQLite file needs nothing.</summary>
    public async Task CreateAsync()
    {
        if (SqlServerDatabase is { } name)
        {
            await using var server = OpenServer();
            await server.OpenAsync();
            await using var create = server.CreateCommand();
            create.CommandText = $"IF DB_ID(N'{name}') IS NULL CREATE DATABASE [{name}]";
            await create.ExecuteNonQueryAsync();
        }
    }

    public async Task ResetAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = IsSqlServer ? DbAdapter.SqlServer : DbAdapter.Sqlite,
            TablesToIgnore = KeptTables,
        });
        await _respawner.ResetAsync(connection);
    }

    public DbConnection Open() => IsSqlServer ? new SqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (SqlServerDatabase is { } name)
        {
            SqlConnection.ClearAllPools();
            await using var server = OpenServer();
            await server.OpenAsync();
            await using var drop = server.CreateCommand();
            drop.CommandText = $"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END";
            await drop.ExecuteNonQueryAsync();
        }

        if (File is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { File, File + "-wal", File + "-shm" })
            {
                if (System.IO.File.Exists(path))
                {
                    System.IO.File.Delete(path);
                }
            }
        }
    }

    // The same server, connected to master, to create and drop the host's database.
    private SqlConnection OpenServer() =>
        new(new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = "master" }.ConnectionString);
}
