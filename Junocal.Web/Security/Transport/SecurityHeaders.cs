namespace Junocal.Web.Security.Transport;

/// <summary>
/// The headers every response carries. The policy fits Blazor Server and MudBlazor: scripts only from the app's
/// own files (no inline script anywhere), the circuit's websocket on the same origin, and inline styles, which
/// MudBlazor sets on elements and in its theme. See docs/SECURITY.md.
/// </summary>
public sealed class SecurityHeaders(string contentSecurityPolicy)
{
    // Join links carry the meeting passcode in their query string: no page may hand its URL to another site.
    public const string ReferrerPolicy = "no-referrer";
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

    /// <param name="formTargets">Origins a form may be redirected to: Zoom's and Google's authorize pages after "Connect Zoom" and "Connect Google".</param>
    public static SecurityHeaders For(IEnumerable<Uri> formTargets)
    {
        var formActions = string.Join(' ', formTargets
            .Where(uri => uri.IsAbsoluteUri)
            .Select(uri => uri.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Prepend("'self'"));
        return new SecurityHeaders(string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            // 'self' covers the circuit's ws:/wss: on the same host (CSP level 3).
            "connect-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formActions}",
            "frame-ancestors 'none'"));
    }

    public void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.XFrameOptions = "DENY";
    }
}
