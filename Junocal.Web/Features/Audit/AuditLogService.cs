using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Audit;

public sealed class AuditLogService(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user)
{
    public const int PageSize = 50;

    public async Task<AuditPage> ListAsync(int page, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var total = await db.AuditEntries.CountAsync(cancellationToken);
        var rows = await db.AuditEntries
            .OrderByDescending(a => a.OccurredAt)
            .Skip(Math.Max(0, page) * PageSize)
            .Take(PageSize)
            .Select(a => new { a.Id, a.OccurredAt, a.Actor, a.Action, a.Details })
            .ToListAsync(cancellationToken);
        var entries = rows.Select(r => new AuditLine(r.Id, zone.ToLocal(r.OccurredAt), r.Actor, r.Action, r.Details)).ToList();
        return new AuditPage(zone.Id, entries, total);
    }
}

public sealed record AuditLine(Guid Id, DateTime OccurredLocal, string Actor, string Action, string Details);

public sealed record AuditPage(string TimeZoneId, IReadOnlyList<AuditLine> Entries, int Total);
