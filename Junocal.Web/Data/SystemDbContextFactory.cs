namespace Junocal.Web.Data;

/// <summary>
/// Creates contexts that see every studio. Only for work no signed-in user drives: start-up, seeding,
/// jobs and webhooks. Such code must name the studio itself.
/// </summary>
public sealed class SystemDbContextFactory(Func<JunocalDbContext> createContext)
{
    public JunocalDbContext CreateDbContext()
    {
        var db = createContext();
        db.IsUnscoped = true;
        return db;
    }

    /// <summary>A context limited to one studio, for system work done on that studio's behalf.</summary>
    public JunocalDbContext CreateDbContext(Guid studioId)
    {
        var db = createContext();
        db.ScopedStudioId = studioId;
        return db;
    }
}
