using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Junocal.Web.Data;

public static class DataModule
{
    public const string ConnectionStringName = "Junocal";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/junocal.db";

    public static IHostApplicationBuilder AddJunocalData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.SectionName));
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerJunocalDbContext>(db => db
                    .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
                    .ConfigureWarnings(IgnoreStudioFilterOnRequiredEnds));
                services.AddSingleton(sp => new SystemDbContextFactory(
                    sp.GetRequiredService<IDbContextFactory<SqlServerJunocalDbContext>>().CreateDbContext));
                break;
            default:
                var sqlite = SqliteConnectionStrings.Resolve(connectionString ?? DefaultSqliteConnectionString, builder.Environment.ContentRootPath);
                services.AddDbContextFactory<SqliteJunocalDbContext>(db => db
                    .UseSqlite(sqlite)
                    .ConfigureWarnings(IgnoreStudioFilterOnRequiredEnds));
                services.AddSingleton(sp => new SystemDbContextFactory(
                    sp.GetRequiredService<IDbContextFactory<SqliteJunocalDbContext>>().CreateDbContext));
                break;
        }

        services.AddScoped<IDbContextFactory<JunocalDbContext>, StudioScopedDbContextFactory>();
        // Identity, Data Protection and health checks resolve the context from DI; it is studio-scoped like any other.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    // Studio rows are filtered per studio on both ends of these relationships, so the warning does not apply.
    private static void IgnoreStudioFilterOnRequiredEnds(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning);
}
