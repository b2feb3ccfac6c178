using Junocal.Sandbox.Faults;
using Junocal.Sandbox.OAuth;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>"Disconnect": revoke at Zoom, then erase every stored Zoom datum of the studio, keeping one audit line.</summary>
public class ZoomConnectionServiceDisconnectAsync(JunocalApp app) : ZoomAppTest(app)
{
    [Fact]
    public async Task RevokesAtZoomErasesEveryZoomRowAndAudits()
    {
        var studio = await ConnectWithAPendingSecondTabAsync();
        var other = await Services.StudioIdAsync(ZoomFlow.OtherStudio);
        await ZoomFlow.ConnectOwnerAsync(App, DemoSeeder.OtherOwnerEmail, TestUsers.Other);

        var outcome = await DisconnectAsync();

        Assert.Equal(ZoomDisconnectOutcome.Disconnected, outcome);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(studio));
        var audit = Assert.Single(await Services.AuditAsync(studio, "zoom.disconnected"));
        Assert.Matches(@"^Zoom disconnected on [^.]+\.$", audit.Details);
        Assert.Equal(GrantEnd.Revoked, Assert.Single(Services.Sandbox().Grants, g => g.UserId == TestUsers.Owner.Id).EndReason);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(other));
        // Zoom's deauthorization after our own revoke changes nothing more.
        Assert.NotEmpty(Services.Sandbox().WebhookDeliveries);
        Assert.True(await ZoomFlow.EventuallyAsync(() => Task.FromResult(Services.Sandbox().WebhookDeliveries.All(d => d.Status == Junocal.Sandbox.Webhooks.WebhookDeliveryStatus.Delivered))));
        Assert.Empty(await Services.AuditAsync(studio, "zoom.deauthorized"));
        Assert.Empty(await Services.AuditAsync(studio, "zoom.revoke_failed"));
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        Assert.Equal(ZoomCardState.NotConnected, (await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().GetCardAsync(Ct)).State);
    }

    [Fact]
    public async Task RevokesAtZoomBeforeItDeletesTheStoredData()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var studio = await Services.StudioIdAsync();

        Assert.Equal(ZoomDisconnectOutcome.Disconnected, await DisconnectAsync());

        var revokedAt = Assert.Single(Services.Sandbox().Grants, g => g.UserId == TestUsers.Owner.Id).EndedAt;
        var deletedAt = Assert.Single(await Services.AuditAsync(studio, "zoom.disconnected")).OccurredAt;
        Assert.NotNull(revokedAt);
        Assert.True(revokedAt <= deletedAt, $"Revoked at {revokedAt:O}, deleted at {deletedAt:O}: the help page says revoke, then delete.");
    }

    [Fact]
    public async Task TakesZoomsDeauthorizationForItsOwnRevokeAsNoUninstall()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var studio = await Services.StudioIdAsync();
        await using (var db = Services.GetRequiredService<Junocal.Web.Data.SystemDbContextFactory>().CreateDbContext(studio))
        {
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ZoomConnections, Ct)).BeginDisconnect();
            await db.SaveChangesAsync(Ct);
        }

        // The webhook Zoom sends for the revoke, arriving while the disconnect is between its revoke and its delete.
        using var http = App.CreateBrowserlikeClient();
        using var response = await http.SendAsync(Webhooks.ZoomWebhookRequests.SignedRequest(
            Webhooks.ZoomWebhookRequests.Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId)), Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await Services.ConnectionAsync(studio));
        Assert.Empty(await Services.AuditAsync(studio, "zoom.deauthorized"));
        Assert.Equal(ZoomAccessState.NotConnected, (await Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct)).State);
    }

    [Fact]
    public async Task LeavesNoZoomIdentityInTheAuditLogButKeepsItsEntries()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var studio = await Services.StudioIdAsync();
        Assert.Contains(TestUsers.Owner.Id, Assert.Single(await Services.AuditAsync(studio, "zoom.connected")).Details, StringComparison.Ordinal);

        await DisconnectAsync();

        await using var db = Services.GetRequiredService<Junocal.Web.Data.SystemDbContextFactory>().CreateDbContext(studio);
        var entries = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries, Ct);
        Assert.Equal("Zoom connected as the Zoom account since disconnected.", Assert.Single(entries, e => e.Action == "zoom.connected").Details);
        Assert.All(entries, entry =>
        {
            Assert.DoesNotContain(TestUsers.Owner.Email, entry.Details, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestUsers.Owner.Id, entry.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(TestUsers.Owner.AccountId, entry.Details, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ErasesAnywayAndSaysToUninstallWhenZoomNeverConfirmsTheRevoke()
    {
        var studio = await ConnectWithAPendingSecondTabAsync();
        Services.Sandbox().Faults.Script(SandboxEndpoint.Revoke, FaultKind.ServerError, times: 10);

        var outcome = await DisconnectAsync();

        Assert.Equal(ZoomDisconnectOutcome.DisconnectedButNotRevoked, outcome);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(studio));
        Assert.StartsWith("Zoom disconnected on ", Assert.Single(await Services.AuditAsync(studio, "zoom.disconnected")).Details, StringComparison.Ordinal);
        var failure = Assert.Single(await Services.AuditAsync(studio, "zoom.revoke_failed"));
        Assert.Contains("uninstall Junocal from the Zoom Marketplace", failure.Details, StringComparison.Ordinal);
        Assert.True(Services.Sandbox().Requests.Count(r => r.Endpoint == SandboxEndpoint.Revoke) > 1, "The revoke was not retried.");
        Assert.True(Assert.Single(Services.Sandbox().Grants).IsActive);
    }

    [Fact]
    public async Task ReportsNothingToDisconnectWhenNotConnected()
    {
        var studio = await Services.StudioIdAsync();

        var outcome = await DisconnectAsync();

        Assert.Equal(ZoomDisconnectOutcome.NothingToDisconnect, outcome);
        Assert.Empty(await Services.AuditAsync(studio, "zoom.disconnected"));
    }

    /// <summary>Connected, with a second "Connect Zoom" tab still pending: an authorization request row as well.</summary>
    private async Task<Guid> ConnectWithAPendingSecondTabAsync()
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var firstTab = await ZoomFlow.StartAsync(owner);
        await ZoomFlow.StartAsync(owner);
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, await ZoomFlow.DecideAsync(owner, firstTab, TestUsers.Owner)));
        Assert.Equal(new ZoomRows(1, 1, 1), await Services.ZoomRowsAsync(studio));
        return studio;
    }

    private async Task<ZoomDisconnectOutcome> DisconnectAsync()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().DisconnectAsync(Ct);
    }
}
