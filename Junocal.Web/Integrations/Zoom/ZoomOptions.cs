namespace Junocal.Web.Integrations.Zoom;

/// <summary>The Marketplace app Junocal connects studios through, bound from <c>Zoom</c>.</summary>
public sealed class ZoomOptions
{
    public const string SectionName = "Zoom";

    public const string DefaultScopes = "meeting:write:meeting meeting:update:meeting meeting:delete:meeting";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated; by default exactly the three meeting scopes the help page names.</summary>
    public string Scopes { get; set; } = DefaultScopes;

    public Uri AuthorizeUrl { get; set; } = new("https://zoom.us/oauth/authorize");

    public Uri TokenUrl { get; set; } = new("https://zoom.us/oauth/token");

    public Uri RevokeUrl { get; set; } = new("https://zoom.us/oauth/revoke");

    public Uri ApiBaseUrl { get; set; } = new("https://api.zoom.us/v2/");

    /// <summary>The callback registered with Zoom; when unset, the callback on the origin the owner is using.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// How many API calls a second Junocal makes for one studio's Zoom account: three quarters of the "Medium" limit
    /// of a Pro plan (20 a second, the label of meeting create). A slower plan's 429s lower it (docs/zoom.md, "Pacing").
    /// </summary>
    public double RequestsPerSecond { get; set; } = 15;

    /// <summary>
    /// How many meetings Zoom lets one user create or update a day: 100 (docs/zoom.md, "Errors and limits"). The plan
    /// of classes waiting for the quota counts days by it; only a sandbox with another limit has reason to change it.
    /// </summary>
    public int DailyMeetingChangeLimit { get; set; } = 100;

    public IReadOnlyCollection<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
