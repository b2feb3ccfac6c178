using Junocal.Sandbox.Faults;
using Junocal.Sandbox.OAuth;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>Access tokens for Zoom calls: single-flight refresh in one host and across two, and a grant Zoom stopped honouring.</summary>
public class ZoomTokenStoreGetAsync(JunocalApp app) : ZoomAppTest(app)
{
    private const int Callers = 50;

    [Fact]
    public async Task KeepsTheAccessTokenInARowThatExpiresWithinAnHourAlsoAfterARefresh()
    {
        var connectedAt = DateTimeOffset.UtcNow;
        var studio = await ConnectAsync();
        await AssertStoredTokenExpiresWithinAnHourOfAsync(studio, connectedAt);

        await Services.ExpireAccessTokenAsync(studio);
        var refreshedAt = DateTimeOffset.UtcNow;
        Assert.Equal(ZoomAccessState.Granted, (await Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct)).State);

        await AssertStoredTokenExpiresWithinAnHourOfAsync(studio, refreshedAt);
    }

    [Fact]
    public async Task RefreshesAnExpiredTokenOnceForFiftyConcurrentCallers()
    {
        var studio = await ConnectAsync();
        await Services.ExpireAccessTokenAsync(studio);
        var store = Services.GetRequiredService<ZoomTokenStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => store.GetAsync(studio, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(ZoomAccessState.Granted, r.State));
        var token = Assert.Single(results.Select(r => r.AccessToken).Distinct());
        await AssertOneRefreshAsync(token!);
    }

    [Fact]
    public async Task RefreshesOnceForFiftyConcurrentApiCallsAndEachCallIsAuthenticated()
    {
        var studio = await ConnectAsync();
        await Services.ExpireAccessTokenAsync(studio);
        var api = Services.GetRequiredService<ZoomApiClient>();

        var responses = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() =>
            api.SendAsync(studio, () => new HttpRequestMessage(HttpMethod.Get, api.Url("users/me")), Ct), Ct)));

        // users/me needs a scope the default grant lacks: Zoom says so (4711) only after accepting the token.
        Assert.All(responses, r =>
        {
            Assert.Null(r.Access);
            Assert.NotEqual(System.Net.HttpStatusCode.Unauthorized, r.Status);
            Assert.Equal(4711, r.Error?.Code);
        });
        await AssertOneRefreshAsync(Services.Sandbox().Tokens.Last(t => t.Kind == SandboxTokenKind.Access).Value);
    }

    [Fact]
    public async Task HandsNoCachedTokenOutAfterAnotherHostDisconnectedTheStudio()
    {
        var studio = await ConnectAsync();
        await using var peer = App.StartPeer();
        var peerTokens = peer.Services.GetRequiredService<ZoomTokenStore>();
        Assert.Equal(ZoomAccessState.Granted, (await peerTokens.GetAsync(studio, Ct)).State); // now in the peer's memory

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<ZoomConnectionService>().DisconnectAsync(Ct);
        }

        var afterDisconnect = await peerTokens.GetAsync(studio, Ct);
        Assert.Equal(ZoomAccessState.NotConnected, afterDisconnect.State);
        Assert.Null(afterDisconnect.AccessToken);
    }

    [Fact]
    public async Task RefreshesOnceAcrossTwoHostsOnOneDatabase()
    {
        var studio = await ConnectAsync();
        await using var peer = App.StartPeer();
        await Services.ExpireAccessTokenAsync(studio);
        var stores = new[] { Services.GetRequiredService<ZoomTokenStore>(), peer.Services.GetRequiredService<ZoomTokenStore>() };

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(() => stores[i % 2].GetAsync(studio, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(ZoomAccessState.Granted, r.State));
        var token = Assert.Single(results.Select(r => r.AccessToken).Distinct());
        await AssertOneRefreshAsync(token!);
    }

    [Fact]
    public async Task TurnsInvalidGrantIntoReconnectRequiredWithAnAuditEntry()
    {
        var studio = await ConnectAsync();

        var result = await Services.LoseGrantAsync(studio);

        Assert.Equal(ZoomAccessState.ReconnectRequired, result.State);
        Assert.Null(result.AccessToken);
        await using (var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var card = await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().GetCardAsync(Ct);
            Assert.Equal(ZoomCardState.ReconnectRequired, card.State);
            Assert.False(string.IsNullOrWhiteSpace(card.Reason));
        }

        Assert.Single(await Services.AuditAsync(studio, "zoom.reconnect_required"));
        // Waiting work asks again and is told the same, without another call to Zoom.
        var tokenRequests = Services.Sandbox().Requests.Count(r => r.Endpoint == SandboxEndpoint.Token);
        Assert.Equal(ZoomAccessState.ReconnectRequired, (await Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct)).State);
        Assert.Equal(tokenRequests, Services.Sandbox().Requests.Count(r => r.Endpoint == SandboxEndpoint.Token));
    }

    [Fact]
    public async Task HandsOutWorkingTokensAgainAfterTheOwnerReconnects()
    {
        var studio = await ConnectAsync();
        await Services.LoseGrantAsync(studio);
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("reconnected", await ZoomFlow.ConnectAsync(owner));
        await Services.ExpireAccessTokenAsync(studio);

        var result = await Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct);

        Assert.Equal(ZoomAccessState.Granted, result.State);
        var sandboxToken = Assert.Single(Services.Sandbox().Tokens, t => t.Value == result.AccessToken);
        Assert.Null(sandboxToken.RevokedAt);
        Assert.Contains(Services.Sandbox().Grants, g => g.Id == sandboxToken.GrantId && g.IsActive);
    }

    private async Task AssertStoredTokenExpiresWithinAnHourOfAsync(Guid studio, DateTimeOffset issuedFrom)
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var row = await db.ZoomAccessTokens.AsNoTracking().SingleAsync(t => t.StudioId == studio);
        Assert.InRange(row.ExpiresAt, issuedFrom, DateTimeOffset.UtcNow.AddHours(1));
    }

    private async Task<Guid> ConnectAsync()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        return await Services.StudioIdAsync();
    }

    /// <summary>The code exchange plus exactly one refresh reached Zoom, and the token handed out is the refreshed one, alive.</summary>
    private async Task AssertOneRefreshAsync(string handedOut)
    {
        var sandbox = Services.Sandbox();
        // Every caller has its answer, so every token Zoom issued is issued; the sandbox logs a request once its response completes.
        await Eventually.HoldsAsync(() => sandbox.Requests.Count(r => r.Endpoint == SandboxEndpoint.Token) >= 2, "Both token requests logged");
        var tokenRequests = sandbox.Requests.Where(r => r.Endpoint == SandboxEndpoint.Token).ToList();
        Assert.Equal(2, tokenRequests.Count);
        Assert.All(tokenRequests, r => Assert.Equal(200, r.StatusCode));
        var refreshTokens = sandbox.Tokens.Where(t => t.Kind == SandboxTokenKind.Refresh).ToList();
        Assert.Equal(2, refreshTokens.Count);
        Assert.NotNull(refreshTokens[0].RevokedAt);
        var accessTokens = sandbox.Tokens.Where(t => t.Kind == SandboxTokenKind.Access).ToList();
        Assert.Equal(2, accessTokens.Count);
        Assert.Equal(accessTokens[1].Value, handedOut);
    }
}
