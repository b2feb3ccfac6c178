using Junocal.Domain.Scheduling;
using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Scheduling;

/// <summary>The studio's timetable as staff read it. Instructors only ever see the classes they teach.</summary>
public sealed class ScheduleService(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    MeetingProviders meetingProviders,
    MeetingQuotaPlan quota,
    TimeProvider clock)
{
    public async Task<StudioClassList> ListAsync(ClassListQuery query, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk, Roles.Instructor);
        var days = Math.Clamp(query.Days, 1, ClassListQuery.MaxDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var firstDay = query.From ?? DateOnly.FromDateTime(zone.ToLocal(clock.GetUtcNow()));
        var start = zone.ToUtc(firstDay.ToDateTime(TimeOnly.MinValue));
        var end = zone.ToUtc(firstDay.AddDays(days).ToDateTime(TimeOnly.MinValue));

        var classes = db.ClassSessions.Where(c => c.StartsAt >= start && c.StartsAt < end);
        if (user.IsInRole(Roles.Instructor))
        {
            var me = user.PersonId;
            classes = classes.Where(c => c.InstructorId == me);
        }
        else if (query.InstructorId is { } instructorId)
        {
            classes = classes.Where(c => c.InstructorId == instructorId);
        }

        if (query.LocationKind is { } kind)
        {
            classes = classes.Where(c => c.Location.Kind == kind);
        }

        if (query.Status is { } status)
        {
            classes = classes.Where(c => c.Status == status);
        }

        var rows = await classes.OrderBy(c => c.StartsAt).ToRows(db).ToListAsync(cancellationToken);

        var items = rows
            .Select(r => ClassListItem.From(r, zone))
            .ToList();
        return new StudioClassList(zone.Id, firstDay, days, items);
    }

    /// <summary>One class with its roster; the owner also sees its history. Null when the caller may not see it.</summary>
    public async Task<ClassDetail?> GetDetailAsync(Guid classId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk, Roles.Instructor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.ClassSessions.AsNoTracking().Include(c => c.Bookings)
            .SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
        if (session is null || (user.IsInRole(Roles.Instructor) && session.InstructorId != user.PersonId))
        {
            return null;
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var row = await db.ClassSessions.Where(c => c.Id == classId).ToRows(db).SingleAsync(cancellationToken);
        var activeClientIds = session.Bookings.Where(b => b.IsActive).Select(b => b.ClientId).ToList();
        var clients = await db.Clients.Where(c => activeClientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var roster = session.Bookings.Where(b => b.IsActive)
            .OrderBy(b => b.BookedAt)
            .Select(b => new RosterLine(clients[b.ClientId].Name, clients[b.ClientId].Email, zone.ToLocal(b.BookedAt)))
            .ToList();

        IReadOnlyList<ClassAuditLine> history = [];
        if (user.IsInRole(Roles.Owner))
        {
            var entries = await db.AuditEntries.Where(a => a.ClassSessionId == classId)
                .OrderByDescending(a => a.OccurredAt)
                .Select(a => new { a.OccurredAt, a.Actor, a.Details })
                .ToListAsync(cancellationToken);
            history = entries.Select(e => new ClassAuditLine(zone.ToLocal(e.OccurredAt), e.Actor, e.Details)).ToList();
        }

        var now = clock.GetUtcNow();
        var waitsTooLong = row.Link is { Url: null, Status: LinkStatus.DailyLimit } && session.StartsAt > now && session.StartsAt <= now + MeetingQuotaPlan.AtRiskWithin;
        return new ClassDetail(ClassListItem.From(row, zone), zone.Id, session.CancellationReason, roster, history) { StartsSoonWithoutLink = waitsTooLong };
    }

    /// <summary>
    /// For the owner, per provider whose daily quota holds classes back: the plan in words, and the classes starting
    /// within a day that still have no link because of it. Empty when nothing waits.
    /// </summary>
    public async Task<IReadOnlyList<QuotaNotice>> GetQuotaNoticesAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var notices = new List<QuotaNotice>();
        foreach (var kind in MeetingProviders.GeneratedKinds)
        {
            if (await quota.SummaryAsync(db, kind, cancellationToken) is not { } plan)
            {
                continue;
            }

            var zone = await db.StudioTimeZoneAsync(cancellationToken);
            var atRisk = await MeetingQuotaPlan.AtRisk(db, kind, now).ToListAsync(cancellationToken);
            notices.Add(new QuotaNotice(kind, plan.Provider, PlanText(plan, zone),
                [.. atRisk.Select(c => new AtRiskLine(c.Id, c.Name, zone.ToLocal(c.StartsAt)))]));
        }

        return notices;
    }

    /// <summary>"Zoom allows 100 new or changed meetings a day. 200 classes are waiting; …", in the studio's time.</summary>
    public static string PlanText(QuotaPlanSummary plan, Junocal.Domain.Studios.StudioTimeZone zone)
    {
        var allows = plan.DailyChangeLimit is { } limit ? $"{plan.Provider} allows {limit} new or changed meetings a day. " : "";
        var from = Components.Shared.StudioTime.DateTime(zone.ToLocal(plan.From));
        return plan.Waiting == 1
            ? $"{allows}1 class is waiting; its link will be created from {from}."
            : $"{allows}{plan.Waiting} classes are waiting; their links will be created from {from}, soonest first — the last by {Components.Shared.StudioTime.Day(zone.ToLocal(plan.LastBy))}.";
    }

    /// <summary>What the class dialog offers: the studio's instructors and which meeting providers are connected.</summary>
    public async Task<ClassEditorOptions> GetEditorOptionsAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk, Roles.Instructor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var instructors = await db.StaffMembers
            .Where(s => s.Role == Roles.Instructor && s.DeactivatedAt == null)
            .OrderBy(s => s.Name)
            .Select(s => new InstructorOption(s.Id, s.Name))
            .ToListAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        return new ClassEditorOptions(zone.Id, DateOnly.FromDateTime(zone.ToLocal(clock.GetUtcNow())), instructors,
            await meetingProviders.GetStatusAsync(user.StudioId, cancellationToken));
    }

    /// <summary>A class as the edit dialog starts from, with the version the save must still find.</summary>
    public async Task<(ClassForm Form, int Version)?> GetForEditAsync(Guid classId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.ClassSessions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var local = (await db.StudioTimeZoneAsync(cancellationToken)).ToLocal(session.StartsAt);
        var form = new ClassForm
        {
            Name = session.Name,
            InstructorId = session.InstructorId,
            Date = local.Date,
            StartTime = local.TimeOfDay,
            DurationMinutes = session.DurationMinutes,
            Capacity = session.Capacity,
            LocationKind = session.Location.Kind,
            Room = session.Location.Room,
            CustomUrl = session.Location.Url,
        };
        return (form, session.Version);
    }
}

/// <summary>One class as its page shows it; its join link is <see cref="ClassListItem.Link"/>.</summary>
public sealed record ClassDetail(
    ClassListItem Class,
    string TimeZoneId,
    string? CancellationReason,
    IReadOnlyList<RosterLine> Roster,
    IReadOnlyList<ClassAuditLine> History)
{
    /// <summary>The class starts within a day and its provider's daily quota still holds its link back.</summary>
    public bool StartsSoonWithoutLink { get; init; }

    /// <summary>The link to join, when there is one that works.</summary>
    public string? JoinUrl => Class.Link?.Url;
}

public sealed record RosterLine(string ClientName, string ClientEmail, DateTime BookedLocal);

public sealed record ClassAuditLine(DateTime OccurredLocal, string Actor, string Details);

public sealed record StudioClassList(string TimeZoneId, DateOnly FirstDay, int Days, IReadOnlyList<ClassListItem> Classes);

/// <summary>For the owner: the plan of the classes waiting for a provider's daily quota, and those at risk.</summary>
public sealed record QuotaNotice(LocationKind Provider, string ProviderName, string PlanText, IReadOnlyList<AtRiskLine> AtRisk);

/// <summary>A class starting within a day without a link because it waits for the quota.</summary>
public sealed record AtRiskLine(Guid ClassId, string Name, DateTime StartsLocal);

public sealed record InstructorOption(Guid Id, string Name);

/// <summary>What the class dialog offers, and the studio-local date now (Today), which the scheduler opens on.</summary>
public sealed record ClassEditorOptions(string TimeZoneId, DateOnly Today, IReadOnlyList<InstructorOption> Instructors, IReadOnlyList<MeetingProviderStatus> Providers);
