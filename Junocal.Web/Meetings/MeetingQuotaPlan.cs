using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// A provider's daily quota of new or changed meetings, per studio: the pause its first "daily limit" answer starts,
/// and the plan of the waiting classes. Every waiting create or update of the studio waits for the pause to end, and
/// the quota of each day after goes to the soonest classes first: the class at position <c>i</c> of the queue
/// (ordered by start) is due on day <c>i / DailyChangeLimit</c> after the pause (docs/zoom.md, "Daily limit").
/// Deletes never wait: they do not count against the quota.
/// </summary>
public sealed class MeetingQuotaPlan(SystemDbContextFactory contexts, MeetingProviders providers, MeetingChanges changes, TimeProvider clock)
{
    private const int SaveAttempts = 3;

    /// <summary>When the studio's pause at <paramref name="provider"/> ends, if one is in force now.</summary>
    public async Task<DateTimeOffset?> PausedUntilAsync(JunocalDbContext db, LocationKind provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.MeetingQuotaPauses
            .Where(p => p.Provider == provider && p.Until > now)
            .Select(p => (DateTimeOffset?)p.Until)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The studio's quota at <paramref name="provider"/> is used up until <paramref name="until"/>: records the pause
    /// and plans every waiting create or update of the studio, soonest class first, without calling the provider.
    /// </summary>
    public async Task PauseAsync(Guid studioId, LocationKind provider, DateTimeOffset until, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.CreateDbContext(studioId);
            var pause = await db.MeetingQuotaPauses.SingleOrDefaultAsync(p => p.Provider == provider, cancellationToken);
            if (pause is null)
            {
                pause = MeetingQuotaPause.Start(studioId, provider, until);
                db.MeetingQuotaPauses.Add(pause);
            }
            else if (pause.Until < until)
            {
                pause.Extend(until);
            }

            await PlanAsync(db, provider, pause.Until, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                // Another sync planned or claimed a row (or started the pause) at the same moment: plan again from what is saved.
            }
        }

        changes.StudioChanged(studioId);
    }

    /// <summary>What the owner reads about the studio's waiting classes at <paramref name="provider"/>; null when none wait.</summary>
    public async Task<QuotaPlanSummary?> SummaryAsync(JunocalDbContext db, LocationKind provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await Waiting(db, provider, now).Select(x => x.Row.NextAttemptAt).ToListAsync(cancellationToken);
        if (waiting.Count == 0 || providers.Find(provider) is not { } found)
        {
            return null;
        }

        var planned = waiting.Where(at => at is not null).Select(at => at!.Value).ToList();
        var first = planned.Count > 0 ? planned.Min() : MeetingSync.NextUtcMidnight(now);
        var last = planned.Count > 0 ? planned.Max() : first;
        return new QuotaPlanSummary(found.DisplayName, found.DailyChangeLimit, waiting.Count, first, last);
    }

    /// <summary>
    /// Classes at <paramref name="provider"/> starting within a day that still have no link because they wait for its
    /// quota: the owner is told, with the way out (a custom link).
    /// </summary>
    public static IQueryable<AtRiskClass> AtRisk(JunocalDbContext db, LocationKind provider, DateTimeOffset now)
    {
        var soon = now.Add(AtRiskWithin);
        return db.ClassSessions
            .Where(c => c.Status == ClassStatus.Scheduled && c.Location.Kind == provider && c.StartsAt > now && c.StartsAt <= soon)
            .Where(c => db.ClassMeetings.Any(m => m.ClassSessionId == c.Id && m.Provider == provider && m.State == MeetingSyncState.DailyLimit && m.JoinUrl == null))
            .OrderBy(c => c.StartsAt)
            .Select(c => new AtRiskClass(c.Id, c.StudioId, c.Name, c.StartsAt));
    }

    /// <summary>How soon a class waiting for the quota starts before the owner is alerted.</summary>
    public static readonly TimeSpan AtRiskWithin = TimeSpan.FromHours(24);

    private async Task PlanAsync(JunocalDbContext db, LocationKind provider, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var perDay = providers.Find(provider)?.DailyChangeLimit is { } limit and > 0 ? limit : int.MaxValue;
        var name = providers.Find(provider)?.DisplayName ?? Location.ProviderName(provider);
        var queue = await Waiting(db, provider, now, includeDue: true)
            .OrderBy(x => x.StartsAt)
            .Select(x => x.Row)
            .ToListAsync(cancellationToken);
        for (var i = 0; i < queue.Count; i++)
        {
            var day = from.AddDays(i / perDay);
            if (queue[i].State != MeetingSyncState.DailyLimit || queue[i].NextAttemptAt != day)
            {
                queue[i].Defer(MeetingSyncState.DailyLimit, day,
                    $"{name}'s daily limit of new or changed meetings is reached; Junocal sends this class's meeting from {day:d MMM HH:mm} UTC, soonest classes first.");
            }
        }
    }

    /// <summary>
    /// Rows of classes still at <paramref name="provider"/> that wait for its quota; with <paramref name="includeDue"/>
    /// also those whose create or update is due now and not claimed by a running sync (a claim holds its row until its lease).
    /// </summary>
    private static IQueryable<WaitingRow> Waiting(JunocalDbContext db, LocationKind provider, DateTimeOffset now, bool includeDue = false) =>
        db.ClassMeetings
            .Where(m => m.Provider == provider)
            .Where(m => m.State == MeetingSyncState.DailyLimit
                || (includeDue && (m.State == MeetingSyncState.Pending || m.State == MeetingSyncState.Retrying) && (m.NextAttemptAt == null || m.NextAttemptAt <= now)))
            .Join(db.ClassSessions.Where(c => c.Status == ClassStatus.Scheduled && c.Location.Kind == provider),
                m => m.ClassSessionId, c => c.Id, (m, c) => new WaitingRow { Row = m, StartsAt = c.StartsAt });

    private sealed class WaitingRow
    {
        public required ClassMeeting Row { get; init; }

        public DateTimeOffset StartsAt { get; init; }
    }
}

/// <summary>A class starting soon without a link, because it waits for its provider's daily quota.</summary>
public sealed record AtRiskClass(Guid Id, Guid StudioId, string Name, DateTimeOffset StartsAt);

/// <summary>The plan of a studio's classes waiting for a provider's daily quota.</summary>
/// <param name="Provider">The provider's name ("Zoom").</param>
/// <param name="DailyChangeLimit">How many meetings it lets the studio create or change a day.</param>
/// <param name="Waiting">How many classes wait.</param>
/// <param name="From">When the first of them is sent (the end of the pause).</param>
/// <param name="LastBy">When the last of them is sent, soonest first.</param>
public sealed record QuotaPlanSummary(string Provider, int? DailyChangeLimit, int Waiting, DateTimeOffset From, DateTimeOffset LastBy);
