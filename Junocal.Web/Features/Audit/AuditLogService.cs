using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Audit;

public sealed class AuditLogService(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user)
{
    public const int PageSize = 50;

    /// <summary>The kinds the log can be filtered by, one per kind of <see cref="AuditActions.All"/>.</summary>
    public static IReadOnlyList<AuditKind> Kinds => AuditActions.Kinds;

    public async Task<AuditPage> ListAsync(int page, CancellationToken cancellationToken, AuditFilter? filter = null)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var entries = db.AuditEntries.AsQueryable();
        if (filter?.KindPrefix is { Length: > 0 } prefix)
        {
            entries = entries.Where(a => a.Action.StartsWith(prefix));
        }

        if (filter?.From is { } from)
        {
            var start = zone.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(a => a.OccurredAt >= start);
        }

        if (filter?.To is { } to)
        {
            var end = zone.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(a => a.OccurredAt < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            .OrderByDescending(a => a.OccurredAt)
            .Skip(Math.Max(0, page) * PageSize)
            .Take(PageSize)
            .Select(a => new { a.Id, a.OccurredAt, a.Actor, a.Action, a.Details })
            .ToListAsync(cancellationToken);
        var lines = rows.Select(r => new AuditLine(r.Id, zone.ToLocal(r.OccurredAt), r.Actor, r.Action, r.Details)).ToList();
        return new AuditPage(zone.Id, lines, total);
    }
}

/// <summary>Which entries to show: a kind (action prefix) and studio-local dates, each optional.</summary>
public sealed record AuditFilter(string? KindPrefix, DateOnly? From, DateOnly? To);

public sealed record AuditLine(Guid Id, DateTime OccurredLocal, string Actor, string Action, string Details);

public sealed record AuditPage(string TimeZoneId, IReadOnlyList<AuditLine> Entries, int Total);
