namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Closes the gap of calls already under way when a studio's Zoom account answers its daily limit: a create or
/// update that was waiting for its turn at that moment is answered from here instead of being sent, so the day's
/// calls stop at the first "daily limit" answer. Calls that start later are not held here: the meeting sync keeps
/// them back by the pause it records in the database for every instance (<c>MeetingQuotaPlan</c>).
/// </summary>
public sealed class ZoomDailyQuota
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (long Ticket, DateTimeOffset Until)> _spent = [];
    private long _tickets;

    /// <summary>Taken by a call before it waits for its turn.</summary>
    public long Ticket() => Interlocked.Increment(ref _tickets);

    /// <summary>Zoom answered the studio's daily limit; its quota is back at <paramref name="until"/>.</summary>
    public void Spent(Guid studioId, DateTimeOffset until)
    {
        lock (_gate)
        {
            _spent[studioId] = (Interlocked.Read(ref _tickets), until);
        }
    }

    /// <summary>When the studio's quota comes back, if Zoom answered its daily limit while the call with <paramref name="ticket"/> waited.</summary>
    public DateTimeOffset? SpentWhileWaiting(Guid studioId, long ticket)
    {
        lock (_gate)
        {
            return _spent.TryGetValue(studioId, out var spent) && spent.Ticket >= ticket ? spent.Until : null;
        }
    }
}
