namespace Junocal.Web;

/// <summary>
/// Every <c>[LoggerMessage]</c> event id of the app, one range of 100 per area, so an id names one message and an
/// operator can filter by area. A new message takes the next free id of its area.
/// </summary>
public static class LogEvents
{
    /// <summary>1000–1099: the database.</summary>
    public static class Data
    {
        public const int CannotOpen = 1001;
    }

    /// <summary>1100–1199: the demo studios.</summary>
    public static class Demo
    {
        public const int Seeded = 1101;
    }

    /// <summary>1200–1299: the Zoom sandbox served by the app.</summary>
    public static class Sandbox
    {
        public const int OutsideDevelopment = 1201;
        public const int RefusedInProduction = 1202;
    }

    /// <summary>7100–7199: the Google sandbox served by the app (7150–7199: the sandbox's own lines).</summary>
    public static class GoogleSandbox
    {
        public const int OutsideDevelopment = 7101;
    }

    /// <summary>2000–2099: tokens at rest and the keys that protect them.</summary>
    public static class Security
    {
        public const int TokenUndecryptable = 2001;
        public const int TokenKeysProblem = 2002;
    }

    /// <summary>3000–3099: the email outbox.</summary>
    public static class Notifications
    {
        public const int EmailRetry = 3001;
        public const int EmailGaveUp = 3002;
    }

    /// <summary>3100–3199: sending email (SMTP, pickup folder).</summary>
    public static class Email
    {
        public const int Sent = 3101;
        public const int NotSent = 3102;
        public const int Undeliverable = 3103;
        public const int SmtpFailed = 3111;
        public const int SmtpCloseFailed = 3112;
        public const int SmtpHostMissing = 3121;
    }

    /// <summary>3200–3299: the account emails' outbox (confirmations, password resets).</summary>
    public static class AccountEmails
    {
        public const int Sent = 3201;
        public const int Retry = 3202;
        public const int GaveUp = 3203;
    }

    /// <summary>4000–4099: the Zoom connection and its tokens.</summary>
    public static class Zoom
    {
        public const int TokensRefreshed = 4001;
        public const int GrantRefused = 4002;
        public const int SettingsUnusable = 4010;
        public const int ConnectionCheckFailed = 4020;
        public const int PaceSlowed = 4030;
    }

    /// <summary>5000–5099: Zoom's webhook.</summary>
    public static class ZoomWebhook
    {
        public const int Rejected = 5001;
        public const int Ignored = 5002;
        public const int Deauthorized = 5003;
        public const int UnusableTimestamp = 5004;
        public const int SecretMissing = 5011;
    }

    /// <summary>7000–7099: the Google connection, its calendar, notifications and events.</summary>
    public static class GoogleMeet
    {
        public const int TokensRefreshed = 7001;
        public const int GrantRefused = 7002;
        public const int SettingsUnusable = 7010;
        public const int CalendarCreated = 7020;
        public const int WatchFailed = 7021;
        public const int StopFailed = 7022;
        public const int NotificationRejected = 7030;
        public const int SyncFailed = 7031;
        public const int FullResync = 7032;
        public const int WorkerFailed = 7033;
        public const int LinkChanged = 7040;
        public const int ConferenceFailed = 7041;
    }

    /// <summary>6000–6099: the meeting sync, for every provider.</summary>
    public static class Meetings
    {
        public const int Deferred = 6001;
        public const int Compensated = 6002;
        public const int SyncFailed = 6003;
        public const int DrainFailed = 6020;
        public const int WatcherFailed = 6011;
        public const int StampFailed = 6012;
        public const int StampPollFailed = 6013;
        public const int CreateUncertain = 6030;
        public const int ClaimedElsewhere = 6040;
        public const int NoteKept = 6041;
        public const int CreateNoted = 6042;
    }
}
