using System.Security.Cryptography;

namespace Junocal.Sandbox;

/// <summary>Settings of the Zoom sandbox, bound from the configuration section <c>Sandbox:Zoom</c>.</summary>
public sealed class ZoomSandboxOptions
{
    public const string SectionName = "Sandbox:Zoom";

    /// <summary>The one OAuth client the sandbox knows (the Marketplace app's client id).</summary>
    public string ClientId { get; set; } = "sandbox-client-id";

    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>
    /// The app's OAuth allow list; <c>redirect_uri</c> must match one entry exactly. An entry that is a path
    /// (starting with <c>/</c>) matches that path on the sandbox's own origin: the form for a sandbox served
    /// inside the app it stands in for, whose port is not known until it starts.
    /// </summary>
    public IList<string> RedirectUris { get; } = [];

    /// <summary>
    /// Where event notifications are POSTed; null sends no webhooks. A relative URL is resolved against the
    /// address the hosting server listens on (the sandbox served inside the app).
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// The app's event-subscription Secret Token used to sign webhooks. Unless configured, a random one made once per
    /// process: a published default would let anyone sign events for an app that trusts it.
    /// </summary>
    public string WebhookSecretToken { get; set; } = PerProcessWebhookSecret;

    private static readonly string PerProcessWebhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The app name shown on the consent page.</summary>
    public string AppName { get; set; } = "Junocal";

    /// <summary>Scopes requested when the authorize URL carries no <c>scope</c> parameter.</summary>
    public string DefaultScopes { get; set; } = "meeting:write:meeting meeting:update:meeting meeting:delete:meeting";

    /// <summary>
    /// Delays between a failed delivery and its retries. Zoom's schedule is +5 min, then +20 min, then +60 min
    /// (https://developers.zoom.us/blog/webhook-delays.md); tests compress it.
    /// </summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; set; } =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)];

    /// <summary>
    /// How long the sandbox waits for a webhook answer. Zoom wants 200/204 within 3 seconds
    /// (https://developers.zoom.us/blog/webhook-delays.md).
    /// </summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Meeting creates plus updates allowed per user per UTC day (Zoom: 100,
    /// https://devforum.zoom.us/t/how-zoom-manages-the-api-rate-limit/39617).</summary>
    public int PerUserDailyLimit { get; set; } = 100;

    /// <summary>
    /// Requests per second per account and endpoint. 20 is the "Medium" label on a Pro plan, the label of
    /// meeting create (https://devforum.zoom.us/t/rate-limits-which-ones-apply/19474).
    /// </summary>
    public int PerSecondLimit { get; set; } = 20;

    /// <summary>
    /// Public URL of the sandbox (including its base path) used for <c>join_url</c>, <c>start_url</c> and
    /// <c>api_url</c>; null derives it from the incoming request.
    /// </summary>
    public Uri? BaseUrl { get; set; }
}
