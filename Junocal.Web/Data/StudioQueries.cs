using Junocal.Domain.Studios;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

internal static class StudioQueries
{
    /// <summary>The zone of the studio this context is scoped to.</summary>
    public static async Task<StudioTimeZone> StudioTimeZoneAsync(this JunocalDbContext db, CancellationToken cancellationToken) =>
        new(await db.Studios.Select(s => s.TimeZoneId).SingleAsync(cancellationToken));
}
