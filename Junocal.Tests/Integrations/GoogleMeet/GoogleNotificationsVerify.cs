using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>
/// A push notification counts only with its channel's own token and the calendar's resource id: a forged token, an
/// unknown channel or a channel stopped on disconnect is answered 404 and reads nothing.
/// </summary>
public class GoogleNotificationsVerify(JunocalApp app) : ZoomAppTest(app)
{
    private const string ChannelId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string ResourceId = "resource-of-the-junocal-calendar";
    private const string Token = "the-channels-own-random-token";

    [Fact]
    public async Task AcceptsTheChannelsOwnTokenAndResource()
    {
        var studio = await OpenChannelAsync();

        Assert.Equal(studio, await Verifier.VerifyAsync(ChannelId, ResourceId, Token, Ct));
        using var response = await PostAsync(ChannelId, ResourceId, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(ChannelId, ResourceId, "a-forged-token")]
    [InlineData(ChannelId, ResourceId, "the-channels-own-random-tokeN")]
    [InlineData(ChannelId, "another-resource", Token)]
    [InlineData("ffffffffffffffffffffffffffffffff", ResourceId, Token)]
    [InlineData(ChannelId, ResourceId, null)]
    public async Task RefusesAnythingElse(string channel, string resource, string? token)
    {
        await OpenChannelAsync();

        Assert.Null(await Verifier.VerifyAsync(channel, resource, token, Ct));
        using var response = await PostAsync(channel, resource, token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RefusesAChannelOnceItIsGone()
    {
        await OpenChannelAsync();
        await using (var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            await db.GoogleWatchChannels.ExecuteDeleteAsync(Ct);
        }

        using var response = await PostAsync(ChannelId, ResourceId, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RefusesTheRealChannelOnceTheOwnerDisconnected()
    {
        await GoogleFlow.ConnectOwnerAsync(App);
        var live = Assert.Single(App.Google.ChannelList);
        using (var beforeDisconnect = await PostAsync(live.Id, live.ResourceId, live.Token))
        {
            Assert.Equal(HttpStatusCode.OK, beforeDisconnect.StatusCode);
        }

        await using (var owner = await App.ScopeSignedInAsAsync(Junocal.Web.Features.Demo.DemoSeeder.OwnerEmail))
        {
            Assert.Equal(GoogleDisconnectOutcome.Disconnected, await owner.ServiceProvider.GetRequiredService<GoogleConnectionService>().DisconnectAsync(Ct));
        }

        using var afterDisconnect = await PostAsync(live.Id, live.ResourceId, live.Token);
        Assert.Equal(HttpStatusCode.NotFound, afterDisconnect.StatusCode);
    }

    private GoogleNotificationVerifier Verifier => Services.GetRequiredService<GoogleNotificationVerifier>();

    private async Task<Guid> OpenChannelAsync()
    {
        var studio = await Services.StudioIdAsync();
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var channel = GoogleWatchChannel.Open(ChannelId, studio, GoogleCalendarSetup.HashToken(Token), Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(7));
        channel.Watching(ResourceId, Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(7));
        db.GoogleWatchChannels.Add(channel);
        await db.SaveChangesAsync(Ct);
        return studio;
    }

    private async Task<HttpResponseMessage> PostAsync(string channel, string resource, string? token)
    {
        using var client = App.CreateBrowserlikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, GoogleNotificationEndpoints.Path) { Content = new ByteArrayContent([]) };
        request.Headers.Add("X-Goog-Channel-ID", channel);
        request.Headers.Add("X-Goog-Resource-ID", resource);
        request.Headers.Add("X-Goog-Resource-State", "exists");
        request.Headers.Add("X-Goog-Message-Number", "2");
        if (token is not null)
        {
            request.Headers.Add("X-Goog-Channel-Token", token);
        }

        return await client.SendAsync(request, Ct);
    }
}
