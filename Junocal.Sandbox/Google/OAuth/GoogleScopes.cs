namespace Junocal.Sandbox.Google.OAuth;

/// <summary>The scopes the sandbox understands, with the consent text Google shows (docs/google-sandbox.md).</summary>
public static class GoogleScopes
{
    public const string OpenId = "openid";
    public const string Email = "email";
    public const string Profile = "profile";
    public const string UserInfoEmail = "https://www.googleapis.com/auth/userinfo.email";
    public const string UserInfoProfile = "https://www.googleapis.com/auth/userinfo.profile";
    public const string Calendar = "https://www.googleapis.com/auth/calendar";
    public const string CalendarEvents = "https://www.googleapis.com/auth/calendar.events";
    public const string CalendarEventsOwned = "https://www.googleapis.com/auth/calendar.events.owned";
    public const string CalendarAppCreated = "https://www.googleapis.com/auth/calendar.app.created";
    public const string CalendarReadonly = "https://www.googleapis.com/auth/calendar.readonly";
    public const string CalendarEventsReadonly = "https://www.googleapis.com/auth/calendar.events.readonly";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [OpenId] = "Associate you with your personal info on Google",
        [Email] = "See your primary Google Account email address",
        [UserInfoEmail] = "See your primary Google Account email address",
        [Profile] = "See your personal info, including any personal info you've made publicly available",
        [UserInfoProfile] = "See your personal info, including any personal info you've made publicly available",
        [Calendar] = "See, edit, share, and permanently delete all the calendars you can access using Google Calendar",
        [CalendarEvents] = "View and edit events on all your calendars",
        [CalendarEventsOwned] = "See, create, change, and delete events on Google calendars you own",
        [CalendarAppCreated] = "Make secondary Google calendars, and see, create, change, and delete events on them",
        [CalendarReadonly] = "See and download any calendar you can access using your Google Calendar",
        [CalendarEventsReadonly] = "View events on all your calendars",
    };

    /// <summary>Sign-in scopes: granted with the consent as a whole, never a checkbox of their own.</summary>
    public static bool IsSignIn(string scope) => scope is OpenId or Email or Profile or UserInfoEmail or UserInfoProfile;

    public static bool HasEmail(IEnumerable<string> scopes) => scopes.Any(scope => scope is Email or UserInfoEmail);

    public static bool HasProfile(IEnumerable<string> scopes) => scopes.Any(scope => scope is Profile or UserInfoProfile);

    public static bool HasOpenIdOrEmail(IEnumerable<string> scopes) => scopes.Any(IsSignIn);

    public static string Describe(string scope) =>
        Descriptions.TryGetValue(scope, out var words) ? words : $"Use the permission \u201c{scope}\u201d";
}
