using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Integrations.GoogleMeet;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>Connect Google through the sandbox's consent screen: what is stored, what is refused, and the calendar it makes.</summary>
public class GoogleMeetConnect(JunocalApp app) : ZoomAppTest(app)
{
    [Fact]
    public async Task ConnectsAsTheAccountOfTheIdTokenAndMakesAWatchedJunocalCalendar()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);

        Assert.Equal(GoogleConnectMessage.Connected.Code, await GoogleFlow.ConnectAsync(owner));

        var connection = (await Services.ConnectionAsync(studio))!;
        Assert.Equal(GoogleTestUsers.Owner.Email, connection.Email);
        Assert.Equal(GoogleTestUsers.Owner.Sub, connection.GoogleSub);
        Assert.Equal($"Connected as {GoogleTestUsers.Owner.Email}", connection.Label);
        var calendar = Assert.Single(App.Google.CalendarsOf(GoogleTestUsers.Owner));
        Assert.Equal("Junocal – Juno Pilates", calendar.Summary);
        Assert.Equal(calendar.Id, connection.CalendarId);
        var channel = Assert.Single(App.Google.ChannelList);
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var row = await db.GoogleWatchChannels.SingleAsync(Ct);
        Assert.Equal(channel.Id, row.ChannelId);
        Assert.Equal(channel.ResourceId, row.ResourceId);
        var page = await owner.Client.GetStringAsync($"{GoogleConnectEndpoints.IntegrationsPage}?google=connected", Ct);
        Assert.Contains($"Connected as {GoogleTestUsers.Owner.Email}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAConsentWithoutTheCalendarScopeAndStoresNothing()
    {
        using var owner = await ZoomFlow.OpenAsync(App);

        Assert.Equal(GoogleConnectMessage.PartialScopes.Code, await GoogleFlow.ConnectAsync(owner, grantCalendar: false));

        await AssertNothingStoredAsync();
        Assert.False(App.Google.HasAccess(GoogleTestUsers.Owner));
    }

    [Fact]
    public async Task TellsADenialOnTheConsentScreen()
    {
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await GoogleFlow.StartAsync(owner);

        var code = await GoogleFlow.CallbackAsync(owner, await GoogleFlow.DecideAsync(owner, authorize, GoogleTestUsers.Owner, decision: "deny"));

        Assert.Equal(GoogleConnectMessage.Denied.Code, code);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RefusesAReplayedCallback()
    {
        using var owner = await ZoomFlow.OpenAsync(App);
        var callback = await GoogleFlow.DecideAsync(owner, await GoogleFlow.StartAsync(owner), GoogleTestUsers.Owner);
        Assert.Equal(GoogleConnectMessage.Connected.Code, await GoogleFlow.CallbackAsync(owner, callback));

        Assert.Equal(GoogleConnectMessage.StateUnknown.Code, await GoogleFlow.CallbackAsync(owner, callback));
    }

    [Fact]
    public async Task TellsAFailedExchangeAndStoresNothing()
    {
        using var owner = await ZoomFlow.OpenAsync(App);
        var callback = await GoogleFlow.DecideAsync(owner, await GoogleFlow.StartAsync(owner), GoogleTestUsers.Owner);
        App.Google.Faults.Script(Junocal.Sandbox.Google.Faults.GoogleEndpoint.Token, Junocal.Sandbox.Google.Faults.GoogleFaultKind.ServerError);

        Assert.Equal(GoogleConnectMessage.ExchangeFailed.Code, await GoogleFlow.CallbackAsync(owner, callback));

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RefusesASecondAccountWhileConnected()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal(GoogleConnectMessage.Connected.Code, await GoogleFlow.ConnectAsync(owner));

        using var response = await owner.Client.PostAsync(GoogleConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = owner.AntiforgeryToken }), Ct);

        Assert.EndsWith("?google=already-connected", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(GoogleTestUsers.Owner.Sub, (await Services.ConnectionAsync(studio))!.GoogleSub);
    }

    [Fact]
    public async Task KeepsTheRefreshTokenOnlyEncrypted()
    {
        var studio = await Services.StudioIdAsync();
        await GoogleFlow.ConnectOwnerAsync(App);

        var connection = (await Services.ConnectionAsync(studio))!;
        var live = App.Google.Tokens.Where(t => t.UserSub == GoogleTestUsers.Owner.Sub && !t.IsEnded).Select(t => t.Value).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, token => Assert.DoesNotContain(token, connection.EncryptedRefreshToken, StringComparison.Ordinal));
        var vault = Services.GetRequiredService<ITokenVault>();
        var plain = vault.Unprotect(connection.EncryptedRefreshToken, TokenPurpose.GoogleRefreshToken, studio);
        Assert.True(plain.Succeeded);
        Assert.Contains(plain.Plaintext, live);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(0, await db.GoogleConnections.CountAsync(Ct));
        Assert.Equal(0, await db.GoogleAccessTokens.CountAsync(Ct));
        Assert.Equal(0, await db.GoogleWatchChannels.CountAsync(Ct));
        Assert.Empty(App.Google.CalendarList);
    }
}
