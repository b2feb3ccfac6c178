using System.Net;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Security.Transport;

/// <summary>The host in Production mode, as it runs behind a TLS-terminating proxy on the same machine.</summary>
public static class BehindProxy
{
    public const string PublicHost = "studio.example.com";

    /// <summary>
    /// Production with its own transport defaults (HTTPS required, no sandbox), email to the pickup folder, and
    /// <paramref name="settings"/> on top.
    /// </summary>
    public static TestHostOptions Production(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Https:Required"] = null,
            ["Sandbox:Enabled"] = null,
            ["Email:UsePickupDirectory"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new TestHostOptions { Environment = "Production", Settings = all };
    }

    /// <summary>
    /// A client whose requests pass through a simulated proxy: the public host name, <c>X-Forwarded-Proto: https</c>
    /// (unless <paramref name="forwardedProto"/> says otherwise), and cookies kept as a browser on https would keep them.
    /// </summary>
    public static HttpClient CreateProxiedClient(this JunocalApp app, string? forwardedProto = "https") =>
        new(new SimulatedProxy(forwardedProto) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };

    private sealed class SimulatedProxy(string? forwardedProto) : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var publicUri = new UriBuilder(request.RequestUri!) { Scheme = forwardedProto ?? "http", Host = PublicHost, Port = -1 }.Uri;
            request.Headers.Host = PublicHost;
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            }

            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            if (_cookies.GetCookieHeader(publicUri) is { Length: > 0 } cookie)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(publicUri, setCookie);
                }
            }

            return response;
        }
    }
}
