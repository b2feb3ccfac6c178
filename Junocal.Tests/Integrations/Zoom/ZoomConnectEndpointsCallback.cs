using Junocal.Domain.People;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>"Connect Zoom" through the real host and the sandbox, over HTTP: the consent, the callback, every refusal.</summary>
public class ZoomConnectEndpointsCallback(JunocalApp app) : ZoomAppTest(app)
{
    [Fact]
    public async Task ConnectsTheStudioAndAuditsWhoConnected()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);

        var code = await ZoomFlow.ConnectAsync(owner);

        Assert.Equal("connected", code);
        var connection = await Services.ConnectionAsync(studio);
        Assert.NotNull(connection);
        Assert.Equal(ZoomConnectionStatus.Connected, connection.Status);
        Assert.Equal(TestUsers.Owner.Id, connection.ZoomUserId);
        Assert.Equal(TestUsers.Owner.AccountId, connection.ZoomAccountId);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(studio));
        await using (var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var card = await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().GetCardAsync(Ct);
            Assert.Equal(ZoomCardState.Connected, card.State);
            // The three meeting scopes give no email; the connection check meeting tells it (docs/adr/0009).
            Assert.Equal($"Connected as {TestUsers.Owner.Email}", card.Label);
        }

        var audit = Assert.Single(await Services.AuditAsync(studio, "zoom.connected"));
        Assert.StartsWith("Zoom connected as ", audit.Details, StringComparison.Ordinal);
        Assert.Contains(TestUsers.Owner.Id, audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsksZoomForTheStateAndAnS256ChallengeAndNothingElseSecret()
    {
        using var owner = await ZoomFlow.OpenAsync(App);

        var authorize = await ZoomFlow.StartAsync(owner);

        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("sandbox-client-id", authorize["client_id"]);
        Assert.Equal(App.BaseUrl.TrimEnd('/') + ZoomConnectionService.CallbackPath, authorize["redirect_uri"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        // 32 random bytes, base64url: at least 128 bits.
        Assert.True(authorize["state"].Length >= 43);
        Assert.Equal(43, authorize["code_challenge"].Length);
        Assert.DoesNotContain("client_secret", authorize.Keys);
        var second = await ZoomFlow.StartAsync(owner);
        Assert.NotEqual(authorize["state"], second["state"]);
        Assert.NotEqual(authorize["code_challenge"], second["code_challenge"]);
    }

    [Fact]
    public async Task AsksForExactlyTheThreeMeetingScopesByDefault()
    {
        using var owner = await ZoomFlow.OpenAsync(App);

        var authorize = await ZoomFlow.StartAsync(owner);

        Assert.Equal(["meeting:delete:meeting", "meeting:update:meeting", "meeting:write:meeting"],
            authorize.GetValueOrDefault("scope", "").Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShowsDeniedAndStoresNothingWhenTheOwnerDeclines()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await ZoomFlow.StartAsync(owner);

        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner, decision: "deny");
        var code = await ZoomFlow.CallbackAsync(owner, callback);

        Assert.Contains("error=access_denied", callback.Query, StringComparison.Ordinal);
        Assert.Equal("denied", code);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(studio));
        Assert.Empty(Services.Sandbox().Grants);
    }

    [Fact]
    public async Task RefusesACallbackWithoutState()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await ZoomFlow.StartAsync(owner);
        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner);

        var code = await ZoomFlow.CallbackAsync(owner, WithQuery(callback, $"code={CodeOf(callback)}"));

        Assert.Equal("state-missing", code);
        await AssertNothingStoredAsync(studio, pendingAuthorizations: 1);
    }

    [Fact]
    public async Task RefusesACallbackWithAStateItNeverIssued()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await ZoomFlow.StartAsync(owner);
        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner);

        var code = await ZoomFlow.CallbackAsync(owner, WithQuery(callback, $"code={CodeOf(callback)}&state=forged-{Guid.NewGuid():N}"));

        Assert.Equal("state-unknown", code);
        await AssertNothingStoredAsync(studio, pendingAuthorizations: 1);
    }

    [Fact]
    public async Task RefusesAStateOlderThanTenMinutes()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await ZoomFlow.StartAsync(owner);
        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner);
        await using (var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10).AddSeconds(-5);
            Assert.Equal(1, await db.ZoomAuthorizationRequests.ExecuteUpdateAsync(
                set => set.SetProperty(r => r.ExpiresAt, startedAt + ZoomAuthorizationRequest.Lifetime), Ct));
        }

        var code = await ZoomFlow.CallbackAsync(owner, callback);

        Assert.Equal("state-expired", code);
        await AssertNothingStoredAsync(studio);
    }

    [Fact]
    public async Task RefusesAReplayedCallbackAndKeepsTheFirstConnection()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var authorize = await ZoomFlow.StartAsync(owner);
        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner);
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, callback));
        var first = await Services.ConnectionAsync(studio);

        var replay = await ZoomFlow.CallbackAsync(owner, callback);

        Assert.Equal("state-unknown", replay);
        var after = await Services.ConnectionAsync(studio);
        Assert.Equal(first!.EncryptedRefreshToken, after!.EncryptedRefreshToken);
        Assert.Single(await Services.AuditAsync(studio, "zoom.connected"));
        // The replay never reached Zoom's token endpoint, so the code was not tried twice.
        Assert.Single(Services.Sandbox().Requests, r => r.Endpoint == SandboxEndpoint.Token);
    }

    [Fact]
    public async Task RefusesAStateAnotherOwnerStartedAndUsesItUp()
    {
        var studio = await Services.StudioIdAsync();
        await AddOwnerAsync(studio, "second.owner@demo.junocal.test");
        using var first = await ZoomFlow.OpenAsync(App);
        using var second = await ZoomFlow.OpenAsync(App, "second.owner@demo.junocal.test");
        var authorize = await ZoomFlow.StartAsync(first);
        var callback = await ZoomFlow.DecideAsync(first, authorize, TestUsers.Owner);

        var stolen = await ZoomFlow.CallbackAsync(second, callback);
        var original = await ZoomFlow.CallbackAsync(first, callback);

        Assert.Equal("state-unknown", stolen);
        Assert.Equal("state-unknown", original);
        await AssertNothingStoredAsync(studio);
    }

    [Fact]
    public async Task RefusesAnOwnerOfAnotherStudioHoldingTheCallback()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        using var stranger = await ZoomFlow.OpenAsync(App, DemoSeeder.OtherOwnerEmail);
        var callback = await ZoomFlow.DecideAsync(owner, await ZoomFlow.StartAsync(owner), TestUsers.Owner);

        var code = await ZoomFlow.CallbackAsync(stranger, callback);

        Assert.Equal("state-unknown", code);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(await Services.StudioIdAsync(ZoomFlow.OtherStudio)));
        Assert.Null(await Services.ConnectionAsync(studio));
    }

    [Fact]
    public async Task RefusesACodeZoomAlreadyExchanged()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var firstCallback = await ZoomFlow.DecideAsync(owner, await ZoomFlow.StartAsync(owner), TestUsers.Owner);
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, firstCallback));
        await DisconnectAsync();

        // A fresh state, but the code from the first consent: Zoom refuses it as already used.
        var fresh = await ZoomFlow.StartAsync(owner);
        var code = await ZoomFlow.CallbackAsync(owner, WithQuery(firstCallback, $"code={CodeOf(firstCallback)}&state={fresh["state"]}"));

        Assert.Equal("exchange-failed", code);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(studio));
        Assert.Single(await Services.AuditAsync(studio, "zoom.connected"));
        Assert.DoesNotContain(Services.Sandbox().Grants, g => g.IsActive);
    }

    [Fact]
    public async Task ShowsExchangeFailedAndStoresNothingWhenZoomRefusesTheCode()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var callback = await ZoomFlow.DecideAsync(owner, await ZoomFlow.StartAsync(owner), TestUsers.Owner);
        Services.Sandbox().Faults.Script(SandboxEndpoint.Token, FaultKind.ServerError);

        var code = await ZoomFlow.CallbackAsync(owner, callback);

        Assert.Equal("exchange-failed", code);
        await AssertNothingStoredAsync(studio);
    }

    [Fact]
    public async Task RefusesToStartWhileAZoomAccountIsConnected()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("connected", await ZoomFlow.ConnectAsync(owner));

        using var response = await ZoomFlow.PostConnectAsync(owner);

        Assert.Equal("already-connected", ZoomFlow.MessageCode(response));
        var connection = await Services.ConnectionAsync(studio);
        Assert.Equal(TestUsers.Owner.Id, connection!.ZoomUserId);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(studio));
    }

    [Fact]
    public async Task RefusesASecondAccountWhoseConsentRacedTheFirst()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var firstTab = await ZoomFlow.StartAsync(owner);
        var secondTab = await ZoomFlow.StartAsync(owner);
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, await ZoomFlow.DecideAsync(owner, firstTab, TestUsers.Owner)));

        var code = await ZoomFlow.CallbackAsync(owner, await ZoomFlow.DecideAsync(owner, secondTab, TestUsers.Other));

        Assert.Equal("already-connected", code);
        Assert.Equal(TestUsers.Owner.Id, (await Services.ConnectionAsync(studio))!.ZoomUserId);
    }

    [Fact]
    public async Task RefusesReconnectingAsADifferentZoomUserAndNamesTheExpectedOne()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("connected", await ZoomFlow.ConnectAsync(owner));
        Assert.Equal(ZoomAccessState.ReconnectRequired, (await Services.LoseGrantAsync(studio)).State);

        var code = await ZoomFlow.ConnectAsync(owner, TestUsers.Other);

        Assert.Equal("other-account", code);
        var connection = await Services.ConnectionAsync(studio);
        Assert.Equal(ZoomConnectionStatus.ReconnectRequired, connection!.Status);
        Assert.Equal(TestUsers.Owner.Id, connection.ZoomUserId);
        Assert.Equal(ZoomAccessState.ReconnectRequired, (await Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct)).State);
    }

    [Fact]
    public async Task ReconnectsTheSameZoomUserFromReconnectRequired()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("connected", await ZoomFlow.ConnectAsync(owner));
        await Services.LoseGrantAsync(studio);

        var code = await ZoomFlow.ConnectAsync(owner, TestUsers.Owner);

        Assert.Equal("reconnected", code);
        Assert.Equal(ZoomConnectionStatus.Connected, (await Services.ConnectionAsync(studio))!.Status);
        Assert.Single(await Services.AuditAsync(studio, "zoom.reconnected"));
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        Assert.Equal(ZoomCardState.Connected, (await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().GetCardAsync(Ct)).State);
    }

    private async Task DisconnectAsync()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().DisconnectAsync(Ct);
    }

    private async Task AssertNothingStoredAsync(Guid studio, int pendingAuthorizations = 0)
    {
        Assert.Equal(new ZoomRows(0, 0, pendingAuthorizations), await Services.ZoomRowsAsync(studio));
        Assert.Empty(await Services.AuditAsync(studio, "zoom.connected"));
    }

    private async Task AddOwnerAsync(Guid studio, string email)
    {
        var staff = StaffMember.Create(studio, "Second Owner", email, Roles.Owner);
        await using (var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            db.StaffMembers.Add(staff);
            await db.SaveChangesAsync(Ct);
        }

        await TestAccounts.AddAsync(Services, email, "Second Owner", studio, Roles.Owner, staff.Id);
    }

    private static string CodeOf(Uri callback) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

    private static Uri WithQuery(Uri callback, string query) => new UriBuilder(callback) { Query = query }.Uri;
}
