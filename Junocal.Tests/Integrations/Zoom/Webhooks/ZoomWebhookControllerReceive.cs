using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.Extensions.DependencyInjection;
using static Junocal.Tests.Integrations.Zoom.Webhooks.ZoomWebhookRequests;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

/// <summary><c>POST /api/webhooks/zoom</c> over HTTP: verification before anything else, then URL validation and deauthorization.</summary>
public class ZoomWebhookControllerReceive(JunocalApp app) : ZoomAppTest(app)
{
    [Fact]
    public async Task AnswersUrlValidationWithTheHmacOfThePlainToken()
    {
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest("""{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", json.RootElement.GetProperty("plainToken").GetString());
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("qgg8vlvZRS6UYooatFL8Aw")));
        Assert.Equal(expected, json.RootElement.GetProperty("encryptedToken").GetString());
    }

    [Fact]
    public async Task DeletesTheMatchedStudiosZoomDataAndLeavesTheOtherStudioAlone()
    {
        using (var owner = await ZoomFlow.OpenAsync(App))
        {
            // A second "Connect Zoom" tab left open: a pending authorization that must go too.
            await ZoomFlow.StartAsync(owner);
        }

        var (juno, other) = await ConnectBothStudiosAsync();
        Assert.Equal(new ZoomRows(1, 1, 1), await Services.ZoomRowsAsync(juno));
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest(Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await ZoomFlow.EventuallyAsync(async () => await Services.ZoomRowsAsync(juno) == ZoomRows.None));
        var audit = Assert.Single(await Services.AuditAsync(juno, "zoom.deauthorized"));
        Assert.StartsWith("Zoom access removed from the Zoom Marketplace on ", audit.Details, StringComparison.Ordinal);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(other));
        Assert.Empty(await Services.AuditAsync(other, "zoom.deauthorized"));
    }

    [Fact]
    public async Task MatchesOnTheAccountWhenTheEventNamesNoUser()
    {
        var (juno, other) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest(Deauthorized(null, TestUsers.Other.AccountId)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(other));
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(juno));
    }

    [Fact]
    public async Task TreatsADuplicateDeliveryAsDone()
    {
        var (juno, _) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();
        var body = Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId);
        using (var first = await http.SendAsync(SignedRequest(body), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var again = await http.SendAsync(SignedRequest(body), Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await Services.AuditAsync(juno, "zoom.deauthorized"));
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(juno));
    }

    [Fact]
    public async Task AcknowledgesAnEventItDoesNotHandle()
    {
        var (juno, _) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest("""{"event":"meeting.started","payload":{"account_id":"q7ZcF2mBRySkX4oN1dLw8A"}}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(juno));
    }

    [Fact]
    public async Task AcceptsATimestampFourMinutesOld()
    {
        var (juno, _) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-4).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await http.SendAsync(SignedRequest(Deauthorized(TestUsers.Owner.Id, null), timestamp), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(juno));
    }

    public static TheoryData<string> Forgeries => ["unsigned", "no timestamp", "signed with another secret", "tampered body", "tampered timestamp",
        "six minutes old", "six minutes ahead", "signature not hex", "signature without v0"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task RefusesAnUnverifiedDeauthorizationAndChangesNothing(string forgery)
    {
        var (juno, _) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();
        var body = Encoding.UTF8.GetBytes(Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId));
        var now = Now();
        var request = forgery switch
        {
            "unsigned" => Build(body, now, null),
            "no timestamp" => Build(body, null, Signature(now, body)),
            "signed with another secret" => Build(body, now, Signature(now, body, "another-secret")),
            "tampered body" => Build(Encoding.UTF8.GetBytes(Deauthorized(TestUsers.Owner.Id, TestUsers.Other.AccountId)), now, Signature(now, body)),
            "tampered timestamp" => Build(body, (long.Parse(now, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture), Signature(now, body)),
            "six minutes old" => SignedRequest(body, DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            "six minutes ahead" => SignedRequest(body, DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            "signature not hex" => Build(body, now, "v0=" + new string('z', 64)),
            "signature without v0" => Build(body, now, Signature(now, body)[3..]),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(juno));
        Assert.Empty(await Services.AuditAsync(juno, "zoom.deauthorized"));
    }

    [Fact]
    public async Task RefusesABodyOver64KilobytesEvenWhenSigned()
    {
        var (juno, _) = await ConnectBothStudiosAsync();
        using var http = App.CreateBrowserlikeClient();
        var padding = new string(' ', 64 * 1024);
        var body = Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId).Insert(1, padding);

        using var response = await http.SendAsync(SignedRequest(body), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(juno));
    }

    [Fact]
    public async Task AcceptsABodyOfExactly64Kilobytes()
    {
        using var http = App.CreateBrowserlikeClient();
        const string json = """{"event":"meeting.started"}""";
        var body = json + new string(' ', (64 * 1024) - json.Length);

        using var response = await http.SendAsync(SignedRequest(body), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"event\":")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"payload\":{}}")]
    [InlineData("{\"event\":\"endpoint.url_validation\",\"payload\":{}}")]
    [InlineData("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":42}}")]
    public async Task AnswersBadRequestToSignedMalformedJson(string body)
    {
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775807")]
    [InlineData("253402300800000")]
    public async Task AnswersBadRequestToASignedEventWhoseTimeIsOutOfRange(string eventTs)
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        using var http = App.CreateBrowserlikeClient();
        var body = $$$"""{"event":"app_deauthorized","event_ts":{{{eventTs}}},"payload":{"user_id":"{{{TestUsers.Owner.Id}}}","account_id":"{{{TestUsers.Owner.AccountId}}}"}}""";

        using var response = await http.SendAsync(SignedRequest(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event_ts", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotNull(await Services.ConnectionAsync(await Services.StudioIdAsync()));
    }

    [Fact]
    public async Task LeavesNoZoomIdentityInTheAuditLogAfterAnUninstallButKeepsItsEntries()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var juno = await Services.StudioIdAsync();
        Assert.Contains(TestUsers.Owner.Id, Assert.Single(await Services.AuditAsync(juno, "zoom.connected")).Details, StringComparison.Ordinal);
        using var http = App.CreateBrowserlikeClient();

        using var response = await http.SendAsync(SignedRequest(Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Services.AuditAsync(juno, "zoom.deauthorized"));
        await using var db = Services.GetRequiredService<Junocal.Web.Data.SystemDbContextFactory>().CreateDbContext(juno);
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
    public async Task IgnoresALateDeauthorizationFromBeforeTheLatestReconnect()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var juno = await Services.StudioIdAsync();
        await Services.LoseGrantAsync(juno);
        var before = DateTimeOffset.UtcNow; // an uninstall Zoom sent before the owner authorized again, retried late
        using (var owner = await ZoomFlow.OpenAsync(App))
        {
            Assert.Equal(ZoomConnectMessage.Reconnected.Code, await ZoomFlow.ConnectAsync(owner));
        }

        using var http = App.CreateBrowserlikeClient();
        using var response = await http.SendAsync(SignedRequest(Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId, before)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await Services.ConnectionAsync(juno);
        Assert.NotNull(connection);
        Assert.Equal(ZoomConnectionStatus.Connected, connection.Status);
        Assert.Empty(await Services.AuditAsync(juno, "zoom.deauthorized"));
    }

    [Fact]
    public async Task RefusesToConnectAZoomUserAnotherStudioHasConnected()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        using var other = await ZoomFlow.OpenAsync(App, DemoSeeder.OtherOwnerEmail);

        var code = await ZoomFlow.ConnectAsync(other, TestUsers.Owner);

        Assert.Equal(ZoomConnectMessage.ConnectedElsewhere.Code, code);
        Assert.Null(await Services.ConnectionAsync(await Services.StudioIdAsync(ZoomFlow.OtherStudio)));
        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(await Services.StudioIdAsync()));
        Assert.Contains(Services.Sandbox().Grants, grant => grant.IsActive && grant.UserId == TestUsers.Owner.Id);
    }

    private async Task<(Guid Juno, Guid Other)> ConnectBothStudiosAsync()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        await ZoomFlow.ConnectOwnerAsync(App, DemoSeeder.OtherOwnerEmail, TestUsers.Other);
        return (await Services.StudioIdAsync(), await Services.StudioIdAsync(ZoomFlow.OtherStudio));
    }
}
