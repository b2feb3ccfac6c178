using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Respawn;
using Respawn.Graph;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The database a test host runs on: a fresh SQLite file by default, or the SQL Server named by
/// JUNOCAL_TEST_SQLSERVER. Either way Respawn empties it between tests.
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

    private TestDatabase(string provider, string connectionString, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        File = file;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    private string? File { get; }

    public bool IsSqlServer => Provider == "SqlServer";

    public static TestDatabase Create()
    {
        var sqlServer = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (!string.IsNullOrWhiteSpace(sqlServer))
        {
            return new TestDatabase("SqlServer", sqlServer, null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"junocal-tests-{Guid.NewGuid():N}.db");
        return new TestDatabase("Sqlite", $"Data Source={file}", file);
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

    public ValueTask DisposeAsync()
    {
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

        return ValueTask.CompletedTask;
    }
}
