using System.Security.Cryptography;
using System.Text;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;

namespace Junocal.Web.Meetings;

/// <summary>What the meeting of a class should look like now: derived from the class, never stored.</summary>
/// <param name="ClassId">The class; agendas carry it so an owner can recognise a meeting Junocal created.</param>
/// <param name="Topic">The class name.</param>
/// <param name="LocalStart">Wall-clock start in <paramref name="TimeZoneId"/>.</param>
/// <param name="DurationMinutes">How long the class lasts.</param>
/// <param name="TimeZoneId">The studio's IANA zone.</param>
public sealed record DesiredMeeting(Guid ClassId, string Topic, DateTime LocalStart, int DurationMinutes, string TimeZoneId)
{
    public string Agenda => $"Created by Junocal for class {ClassId}";

    /// <summary>Changes exactly when something Zoom is told changes; an unchanged class sends nothing.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{Topic}\n{LocalStart:yyyy-MM-ddTHH:mm:ss}\n{DurationMinutes}\n{TimeZoneId}")))[..32];

    /// <summary>The meeting a class wants, or null when it wants none (not a Zoom class, or cancelled).</summary>
    public static DesiredMeeting? For(ClassSession session, StudioTimeZone zone) =>
        session.Location.Kind == LocationKind.Zoom && !session.IsCancelled
            ? new DesiredMeeting(session.Id, session.Name, zone.ToLocal(session.StartsAt), session.DurationMinutes, zone.Id)
            : null;
}
