using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Security.Transport;

/// <summary>Transport behind a TLS proxy, through the real host in Production mode.</summary>
public sealed class TransportSecurityModuleUseTransportSecurity : IAsyncLifetime
{
    private readonly JunocalApp _app = JunocalApp.With(BehindProxy.Production());

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SendsHstsOnRequestsTheProxyForwardedAsHttps()
    {
        using var client = _app.CreateProxiedClient();

        var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarksTheSignInAndAntiforgeryCookiesSecure()
    {
        using var client = _app.CreateProxiedClient();

        var login = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var signedIn = await SignIn.PostLoginAsync(client, DemoSeeder.OwnerEmail, SignIn.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("junocal.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/schedule", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task RedirectsAPlainHttpRequestToHttps()
    {
        using var client = _app.CreateProxiedClient(forwardedProto: "http");

        var response = await client.GetAsync("/Account/Login?ReturnUrl=%2Fschedule", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{BehindProxy.PublicHost}/Account/Login?ReturnUrl=%2Fschedule", response.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task LeavesHealthProbesOnPlainHttp()
    {
        using var client = _app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/favicon.svg")]
    [InlineData("/no-such-page")]
    [InlineData("/api/webhooks/zoom")]
    public async Task SendsTheSecurityHeadersOnEveryResponse(string path)
    {
        using var client = _app.CreateProxiedClient();

        var response = path.StartsWith("/api/", StringComparison.Ordinal)
            ? await client.PostAsync(path, new StringContent("{}"), TestContext.Current.CancellationToken)
            : await client.GetAsync(path, TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IgnoresTheForwardedSchemeFromAProxyThatIsNotListed()
    {
        await using var elsewhere = JunocalApp.With(BehindProxy.Production(
            ("ForwardedHeaders:KnownProxies:0", "192.0.2.10"), ("ForwardedHeaders:KnownNetworks:0", "198.51.100.0/24")));
        await elsewhere.InitializeAsync();
        using var client = elsewhere.CreateProxiedClient();

        var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(Uri.UriSchemeHttps, response.Headers.Location!.Scheme);
    }

}
