using Junocal.Web.Components.Shared;

namespace Junocal.Web.Features.Bookings;

public enum JoinPhase
{
    /// <summary>The class has no link a client can use yet, or will not have one.</summary>
    NotReady,

    /// <summary>More than <see cref="JoinMoment.Lead"/> before the start: the link works, the button says when the class starts.</summary>
    Later,

    /// <summary>Within <see cref="JoinMoment.Lead"/> of the start.</summary>
    Soon,

    /// <summary>Between the start and the end.</summary>
    Running,

    /// <summary>After the end.</summary>
    Ended,
}

/// <summary>What a booking's Join button says at a given moment, in a client's words.</summary>
public sealed record JoinMoment(JoinPhase Phase, string? Url, string Text)
{
    /// <summary>How long before the start the Join button becomes the page's main action.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(15);

    public bool IsProminent => Phase is JoinPhase.Soon or JoinPhase.Running;

    /// <summary>For a table row that already shows the time: plain "Join" until the moment comes.</summary>
    public string ShortText => Phase == JoinPhase.Later ? "Join" : Text;

    /// <returns>Null for a class with nothing to join (in person).</returns>
    public static JoinMoment? Of(MyBooking booking, DateTimeOffset now)
    {
        if (booking.Join is not { } join)
        {
            return null;
        }

        if (now >= booking.EndsAt)
        {
            return new JoinMoment(JoinPhase.Ended, null, "This class has ended.");
        }

        if (join.Url is not { } url)
        {
            return new JoinMoment(JoinPhase.NotReady, null, join.WhyNone ?? "The studio is arranging a link.");
        }

        if (now >= booking.StartsAt)
        {
            return new JoinMoment(JoinPhase.Running, url, $"Join now — on until {StudioTime.Time(booking.EndsLocal)}");
        }

        var untilStart = booking.StartsAt - now;
        if (untilStart <= Lead)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(untilStart.TotalMinutes));
            return new JoinMoment(JoinPhase.Soon, url, $"Join now — starts in {minutes} min");
        }

        return new JoinMoment(JoinPhase.Later, url, $"Join — starts {StudioTime.ShortDay(booking.StartsLocal)} at {StudioTime.Time(booking.StartsLocal)}");
    }
}
