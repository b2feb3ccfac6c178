namespace Junocal.Web.Data;

/// <summary>Adds data once the database is migrated, before the server accepts requests (the demo studios, say).</summary>
public interface IDatabaseSeeder
{
    Task SeedIfRequestedAsync(CancellationToken cancellationToken);
}
