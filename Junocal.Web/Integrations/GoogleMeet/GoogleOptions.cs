namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>The Google Cloud OAuth client Junocal connects studios through, bound from <c>Google</c> (docs/google-meet.md).</summary>
public sealed class GoogleOptions
{
    public const string SectionName = "Google";

    /// <summary>
    /// Exactly these, never more: who connected (<c>openid email</c>) and calendars Junocal creates itself. The app
    /// never sees the owner's other calendars (docs/google-meet.md, "Scopes").
    /// </summary>
    public const string CalendarScope = "https://www.googleapis.com/auth/calendar.app.created";

    public static readonly IReadOnlyList<string> Scopes = ["openid", "email", CalendarScope];

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public Uri AuthorizeUrl { get; set; } = new("https://accounts.google.com/o/oauth2/v2/auth");

    public Uri TokenUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    public Uri RevokeUrl { get; set; } = new("https://oauth2.googleapis.com/revoke");

    public Uri UserInfoUrl { get; set; } = new("https://openidconnect.googleapis.com/v1/userinfo");

    public Uri CalendarApiBaseUrl { get; set; } = new("https://www.googleapis.com/calendar/v3/");

    /// <summary>The callback registered on the OAuth client; when unset, the callback on the origin the owner is using.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Where Google posts push notifications about Junocal's calendars (https with a valid certificate for real Google).
    /// When unset: <see cref="GoogleNotificationEndpoints.Path"/> on the origin of <see cref="RedirectUri"/>, or on the
    /// app's own address.
    /// </summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>How often every studio's calendar is re-read, for notifications Google dropped.</summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A watch channel is replaced once less than this remains of it.</summary>
    public TimeSpan ChannelRenewBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A Meet conference still pending after this long is asked for again.</summary>
    public TimeSpan ConferencePendingLimit { get; set; } = TimeSpan.FromMinutes(10);
}
