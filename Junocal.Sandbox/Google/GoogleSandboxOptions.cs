namespace Junocal.Sandbox.Google;

/// <summary>Settings of the Google sandbox, bound from the configuration section <c>Sandbox:Google</c>.</summary>
public sealed class GoogleSandboxOptions
{
    public const string SectionName = "Sandbox:Google";

    /// <summary>The path of Junocal's OAuth callback, allowed on loopback and on the sandbox's own origin.</summary>
    public const string AppCallbackPath = "/integrations/google/callback";

    /// <summary>The one OAuth client the sandbox knows (the Cloud project's web client).</summary>
    public string ClientId { get; set; } = "sandbox-google-client-id";

    public string ClientSecret { get; set; } = "sandbox-google-client-secret";

    /// <summary>The Cloud project's number, named in some of Google's error messages.</summary>
    public string ProjectNumber { get; set; } = "914025371688";

    /// <summary>
    /// The client's registered redirect URIs; <c>redirect_uri</c> must match one entry exactly (scheme, case and
    /// trailing slash count). An entry that is a path (starting with <c>/</c>) matches that path on the sandbox's own
    /// origin. Whatever the list holds, <see cref="AppCallbackPath"/> on a loopback origin (any port) or on the
    /// sandbox's own origin is allowed too, unless <see cref="AllowAppCallbackByDefault"/> is off: such a redirect
    /// can only reach the user's own machine or the app that serves this sandbox.
    /// </summary>
    public IList<string> RedirectUris { get; } = [];

    /// <summary>See <see cref="RedirectUris"/>.</summary>
    public bool AllowAppCallbackByDefault { get; set; } = true;

    /// <summary>The app name shown on the consent page.</summary>
    public string AppName { get; set; } = "Junocal";

    /// <summary>How long a conference stays <c>pending</c> before it resolves (the knobs start from this).</summary>
    public TimeSpan ConferenceDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Publishing status "Testing" (the knobs start from this): refresh tokens die 7 days after consent unless only
    /// sign-in scopes were granted (https://support.google.com/cloud/answer/10311615).
    /// </summary>
    public bool TestingMode { get; set; }

    /// <summary>
    /// Live refresh tokens per Google Account per client; a new one beyond it silently kills the oldest. Google's
    /// "Refresh token expiration" section says 100 (the knobs start from this).
    /// </summary>
    public int RefreshTokenCap { get; set; } = 100;

    /// <summary>Calendar requests per user per minute, a sliding window (Google: 600).</summary>
    public int PerUserPerMinuteLimit { get; set; } = 600;

    /// <summary>
    /// The longest a watch channel lives, whatever it asks for. Google publishes no maximum; it defaults to
    /// <c>params.ttl</c> = 604800 s (7 days), which is also this sandbox's default cap.
    /// </summary>
    public TimeSpan MaxChannelLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Delays before re-sending a notification answered 500, 502, 503 or 504. Google retries those "with exponential
    /// backoff" without publishing the schedule; this one is the sandbox's choice, and tests compress it.
    /// </summary>
    public IReadOnlyList<TimeSpan> NotificationRetryDelays { get; set; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>How long the sandbox waits for the receiver of a notification to answer.</summary>
    public TimeSpan NotificationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Public URL of the sandbox (including its mount) for links it hands out; null derives it from the request.</summary>
    public Uri? BaseUrl { get; set; }
}
