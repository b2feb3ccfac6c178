using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom.Webhooks;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>
/// The help page's "Security": no token, code or secret ever rests in clear — not in the database file, not in the logs.
/// Each test runs on a host of its own that captures every log line, so the logs hold only what that test did.
/// </summary>
public class ZoomSecretsAtRest : IAsyncLifetime
{
    private const string ClientSecret = "sandbox-client-secret";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<string> _codes = [];
    private readonly JunocalApp _app = JunocalApp.With(new() { CaptureLogs = true });

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TheDatabaseFileHoldsNoTokenOrCodeInPlainText()
    {
        Assert.SkipWhen(_app.Database.IsSqlServer, "Reads the SQLite file itself.");
        await ConnectRefreshAndRefreshAgainAsync();

        var bytes = DatabaseFileBytes.Read(_app);

        // The read sees the Zoom rows: the user id is stored in clear, as the help page says.
        Assert.True(DatabaseFileBytes.Holds(bytes, TestUsers.Owner.Id));
        Assert.All(Secrets(), secret => Assert.False(DatabaseFileBytes.Holds(bytes, secret), $"The database file holds a {Describe(secret)} in plain text."));
    }

    [Fact]
    public async Task TheLogsHoldNoTokenCodeOrSecretAfterConnectingRefreshingWebhooksAndDisconnecting()
    {
        await ConnectRefreshAndRefreshAgainAsync();
        var studio = await _app.Services.StudioIdAsync();
        using var http = _app.CreateBrowserlikeClient();
        using (await http.SendAsync(ZoomWebhookRequests.SignedRequest("""{"event":"endpoint.url_validation","payload":{"plainToken":"abc"}}"""), Ct))
        using (await http.SendAsync(ZoomWebhookRequests.Build("{}"u8.ToArray(), ZoomWebhookRequests.Now(), "v0=00"), Ct))
        {
        }

        await using (var scope = await _app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            Assert.Equal(ZoomDisconnectOutcome.Disconnected, await scope.ServiceProvider.GetRequiredService<ZoomConnectionService>().DisconnectAsync(Ct));
        }

        await ZoomFlow.ConnectOwnerAsync(_app);
        using (await http.SendAsync(ZoomWebhookRequests.SignedRequest(ZoomWebhookRequests.Deauthorized(TestUsers.Owner.Id, null)), Ct))
        {
        }

        Assert.Equal(ZoomRows.None, await _app.Services.ZoomRowsAsync(studio));
        var lines = _app.Logs!.Lines.ToList();
        // The capture works: it saw the refresh and the deauthorization.
        Assert.Contains(lines, l => l.Contains("Refreshed the Zoom tokens", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Zoom deauthorization matched 1", StringComparison.Ordinal));
        var text = string.Join('\n', lines);
        var secrets = Secrets().Append(ClientSecret).Append(ZoomWebhookRequests.Secret).ToList();
        Assert.All(secrets, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The logs hold a {Describe(secret)}."));
    }

    private async Task ConnectRefreshAndRefreshAgainAsync()
    {
        using var owner = await ZoomFlow.OpenAsync(_app);
        var callback = await ZoomFlow.DecideAsync(owner, await ZoomFlow.StartAsync(owner), TestUsers.Owner);
        _codes.Add(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString());
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, callback));
        var studio = await _app.Services.StudioIdAsync();
        for (var i = 0; i < 2; i++)
        {
            await _app.Services.ExpireAccessTokenAsync(studio);
            Assert.Equal(ZoomAccessState.Granted, (await _app.Services.GetRequiredService<ZoomTokenStore>().GetAsync(studio, Ct)).State);
        }

        Assert.Equal(6, _app.Services.Sandbox().Tokens.Count);
    }

    /// <summary>Every token the sandbox issued, and each one's signature part alone (unique to it), and the codes.</summary>
    private IEnumerable<string> Secrets() =>
        _app.Services.Sandbox().Tokens.SelectMany(t => new[] { t.Value, t.Value[(t.Value.LastIndexOf('.') + 1)..] }).Concat(_codes);

    private string Describe(string secret) => _codes.Contains(secret) ? "authorization code"
        : secret is ClientSecret or ZoomWebhookRequests.Secret ? "client or webhook secret"
        : "token";
}
