using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>
/// The help page's "Security", for Google as for Zoom: no token, code, channel token or secret rests in clear — not in
/// the database file, not in the logs. Each test runs on a host of its own that captures every log line.
/// </summary>
public class GoogleSecretsAtRest : IAsyncLifetime
{
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
    public async Task TheDatabaseFileHoldsNoGoogleTokenCodeOrChannelTokenInPlainText()
    {
        Assert.SkipWhen(_app.Database.IsSqlServer, "Reads the SQLite file itself.");
        await ConnectAndRefreshTwiceAsync();

        var bytes = DatabaseFileBytes.Read(_app);

        // The read sees the Google rows: the account's email is stored in clear, to show "Connected as".
        Assert.True(DatabaseFileBytes.Holds(bytes, GoogleTestUsers.Owner.Email));
        Assert.All(Secrets(), secret => Assert.False(DatabaseFileBytes.Holds(bytes, secret), $"The database file holds a {Describe(secret)} in plain text."));
    }

    [Fact]
    public async Task TheLogsHoldNoGoogleTokenCodeChannelTokenOrSecretAfterConnectingSyncingNotifyingAndDisconnecting()
    {
        await ConnectAndRefreshTwiceAsync();
        var classId = await GoogleFlow.ScheduleMeetClassAsync(_app, "Quiet Meet", TestCalendar.NextYearOn(7, 1), new TimeSpan(9, 0, 0));
        var kit = new Meetings.MeetingTestKit(_app);
        await kit.SyncUntilLinkedAsync(classId);
        var channelTokens = ChannelTokens();
        var meetEvent = Assert.Single(_app.Google.Events);
        Assert.True(_app.Google.DeleteEventInGoogle(meetEvent.CalendarId, meetEvent.Id));
        await Eventually.HoldsAsync(async () => await kit.RowAsync(classId) is null, "the link is cleared after the notification");

        await using (var scope = await _app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            Assert.Equal(GoogleDisconnectOutcome.Disconnected, await scope.ServiceProvider.GetRequiredService<GoogleConnectionService>().DisconnectAsync(Ct));
        }

        var lines = _app.Logs!.Lines.ToList();
        // The capture works: it saw the refreshes.
        Assert.Contains(lines, l => l.Contains("Refreshed the Google access token", StringComparison.Ordinal));
        var text = string.Join('\n', lines);
        var secrets = Secrets().Concat(channelTokens).Append(GoogleMeetModule.SandboxClientSecret).ToList();
        Assert.All(secrets, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The logs hold a {Describe(secret)}."));
    }

    private async Task ConnectAndRefreshTwiceAsync()
    {
        using var owner = await ZoomFlow.OpenAsync(_app);
        var callback = await GoogleFlow.DecideAsync(owner, await GoogleFlow.StartAsync(owner), GoogleTestUsers.Owner);
        _codes.Add(QueryHelpers.ParseQuery(callback.Query)["code"].ToString());
        Assert.Equal(GoogleConnectMessage.Connected.Code, await GoogleFlow.CallbackAsync(owner, callback));
        var studio = await _app.Services.StudioIdAsync();
        for (var i = 0; i < 2; i++)
        {
            await using (var db = _app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
            {
                await db.GoogleAccessTokens.ExecuteDeleteAsync(Ct);
            }

            _app.Services.GetRequiredService<GoogleTokenStore>().Forget(studio);
            Assert.Equal(GoogleAccessState.Granted, (await _app.Services.GetRequiredService<GoogleTokenStore>().GetAsync(studio, Ct)).State);
        }

        // The connect's access and refresh tokens, and one access token per refresh.
        Assert.True(_app.Google.Tokens.Count >= 4, $"The sandbox issued {_app.Google.Tokens.Count} tokens.");
        Assert.NotEmpty(ChannelTokens());
    }

    private IEnumerable<string> Secrets() => _app.Google.Tokens.Select(t => t.Value).Concat(_codes).Concat(ChannelTokens());

    private List<string> ChannelTokens() => [.. _app.Google.ChannelList.Select(c => c.Token).OfType<string>()];

    private string Describe(string secret) => _codes.Contains(secret) ? "authorization code"
        : secret == GoogleMeetModule.SandboxClientSecret ? "client secret"
        : _app.Google.Tokens.FirstOrDefault(t => t.Value == secret) is { } token ? $"{token.Kind} token"
        : "channel token";
}
