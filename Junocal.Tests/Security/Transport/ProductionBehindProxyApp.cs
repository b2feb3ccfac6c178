using System.Net;
using Junocal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Junocal.Tests.Security.Transport;

/// <summary>The host in Production mode, as it runs behind a TLS-terminating proxy on the same machine.</summary>
public class ProductionBehindProxyApp : JunocalApp
{
    public const string PublicHost = "studio.example.com";

    protected override void ConfigureTestHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Https:Required", null);
        builder.UseSetting("Sandbox:Enabled", null);
        builder.UseSetting("Email:UsePickupDirectory", "true");
        ConfigureProxy(builder);
    }

    protected virtual void ConfigureProxy(IWebHostBuilder builder)
    {
    }

    /// <summary>
    /// A client whose requests pass through a simulated proxy: the public host name, <c>X-Forwarded-Proto: https</c>
    /// (unless <paramref name="forwardedProto"/> says otherwise), and cookies kept as a browser on https would keep them.
    /// </summary>
    public HttpClient CreateProxiedClient(string? forwardedProto = "https") =>
        new(new SimulatedProxy(forwardedProto) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = new Uri(BaseUrl),
        };

    private sealed class SimulatedProxy(string? forwardedProto) : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        public CookieCollection Cookies => _cookies.GetAllCookies();

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
