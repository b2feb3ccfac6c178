namespace Junocal.Web.Security.Transport;

/// <summary>
/// How requests reach the app: <c>Https:Required</c> (HTTPS redirect, HSTS, Secure cookies; on outside Development)
/// and the <c>ForwardedHeaders</c> section naming the TLS-terminating proxies whose <c>X-Forwarded-*</c> headers count.
/// </summary>
public sealed class TransportOptions
{
    public const string HttpsRequiredKey = "Https:Required";
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    public static bool HttpsRequired(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(HttpsRequiredKey) ?? !environment.IsDevelopment();
}
