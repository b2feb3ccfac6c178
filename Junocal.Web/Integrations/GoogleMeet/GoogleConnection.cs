using Junocal.Domain;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// A studio's one connected Google account: its stable id (<c>sub</c>) and email from the ID token, the refresh token
/// encrypted by the token vault, the calendar Junocal created there, the calendar's sync token, and whether Google
/// still honours the grant.
/// </summary>
public sealed class GoogleConnection : IStudioOwned
{
    public const int MaxReasonLength = 500;

    private GoogleConnection()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }

    /// <summary>Google's account id: "unique among all Google accounts and never reused" (docs/google-meet.md).</summary>
    public string GoogleSub { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string EncryptedRefreshToken { get; private set; } = "";
    public string GrantedScopes { get; private set; } = "";
    public DateTimeOffset ConnectedAt { get; private set; }
    public GoogleConnectionStatus Status { get; private set; }
    public string? StatusReason { get; private set; }

    /// <summary>The "Junocal – studio" calendar, once Google created it.</summary>
    public string? CalendarId { get; private set; }

    /// <summary>What stands in the calendar's way, for the card: its creation failed (tried again), or Google offers no Meet on it.</summary>
    public string? CalendarProblem { get; private set; }

    /// <summary>Google offers no Meet conferences on the calendar: no Meet class can get a link from this account.</summary>
    public bool MeetUnavailable { get; private set; }

    /// <summary>Set while a calendar create is in flight: a lost answer may have left an empty calendar in the account.</summary>
    public DateTimeOffset? CalendarCreateStartedAt { get; private set; }

    /// <summary>The calendar's incremental sync token; null until the first full read.</summary>
    public string? SyncToken { get; private set; }

    public int Version { get; private set; }

    public bool CanCreateMeetings => Status == GoogleConnectionStatus.Connected && !MeetUnavailable;

    public string Label => $"Connected as {Email}";

    public static GoogleConnection Connect(Guid studioId, GoogleIdentity identity, string encryptedRefreshToken, string grantedScopes, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        StudioId = studioId,
        GoogleSub = identity.Sub,
        Email = identity.Email,
        EncryptedRefreshToken = encryptedRefreshToken,
        GrantedScopes = grantedScopes,
        ConnectedAt = now,
        Status = GoogleConnectionStatus.Connected,
        Version = 1,
    };

    public bool IsSameAccount(GoogleIdentity identity) => string.Equals(GoogleSub, identity.Sub, StringComparison.Ordinal);

    /// <summary>The owner authorized the same account again after Google refused the old grant.</summary>
    public void Reconnect(GoogleIdentity identity, string encryptedRefreshToken, string grantedScopes)
    {
        Email = identity.Email;
        EncryptedRefreshToken = encryptedRefreshToken;
        GrantedScopes = grantedScopes;
        Status = GoogleConnectionStatus.Connected;
        StatusReason = null;
        Version++;
    }

    /// <summary>Google sent a new refresh token with a refresh (it normally does not rotate it): keep the new one.</summary>
    public void ReplaceRefreshToken(string encryptedRefreshToken)
    {
        EncryptedRefreshToken = encryptedRefreshToken;
        Version++;
    }

    public void RequireReconnect(string reason)
    {
        Status = GoogleConnectionStatus.ReconnectRequired;
        StatusReason = Truncate(reason);
        Version++;
    }

    public void BeginDisconnect()
    {
        Status = GoogleConnectionStatus.Disconnecting;
        Version++;
    }

    public void CalendarCreateStarted(DateTimeOffset now)
    {
        CalendarCreateStartedAt = now;
        Version++;
    }

    /// <param name="calendarId">Google's id of the new calendar.</param>
    /// <param name="meetUnavailable">Why Meet links cannot be made on it (Google offers no Meet there), or null.</param>
    public void CalendarCreated(string calendarId, string? meetUnavailable)
    {
        CalendarId = calendarId;
        CalendarProblem = meetUnavailable is null ? null : Truncate(meetUnavailable);
        MeetUnavailable = meetUnavailable is not null;
        CalendarCreateStartedAt = null;
        SyncToken = null;
        Version++;
    }

    /// <param name="problem">What the card tells the owner.</param>
    /// <param name="answered">Google answered (a refusal made nothing), rather than leaving the outcome unknown.</param>
    public void CalendarFailed(string problem, bool answered)
    {
        CalendarProblem = Truncate(problem);
        if (answered)
        {
            CalendarCreateStartedAt = null;
        }

        Version++;
    }

    /// <summary>The calendar is gone from the account (the owner deleted it): a new one is made on the next need.</summary>
    public void CalendarLost()
    {
        CalendarId = null;
        CalendarProblem = null;
        MeetUnavailable = false;
        SyncToken = null;
        Version++;
    }

    public void Synced(string? syncToken)
    {
        SyncToken = syncToken;
        Version++;
    }

    private static string Truncate(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
}

public enum GoogleConnectionStatus
{
    Connected,
    ReconnectRequired,

    /// <summary>Disconnect marked the connection, stops its channels and revokes at Google, then deletes it (docs/adr/0008).</summary>
    Disconnecting,
}

/// <summary>Who connected, from the ID token: the stable <c>sub</c> and the email.</summary>
public sealed record GoogleIdentity(string Sub, string Email);
