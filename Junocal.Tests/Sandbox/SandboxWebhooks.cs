using System.Net;
using System.Text.Json;
using Junocal.Sandbox;
using Junocal.Sandbox.Users;
using Junocal.Sandbox.Webhooks;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Sandbox;

public class SandboxWebhooks
{
    private static Task<SandboxHost> StartAsync(WebhookReceiver receiver, bool systemClock = false, Action<ZoomSandboxOptions>? configure = null) =>
        SandboxHost.StartAsync(
            options =>
            {
                options.WebhookUrl = receiver.Url;
                options.WebhookSecretToken = WebhookReceiver.Secret;
                options.WebhookRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150)];
                configure?.Invoke(options);
            },
            systemClock);

    [Fact]
    public async Task RevokeAnswersSuccessAndSendsSignedAppDeauthorized()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        var tokens = await host.ConnectAsync(TestUsers.Owner);

        using var revoke = await RevokeAsync(host, tokens.AccessToken);
        var hook = await receiver.WaitForAsync("app_deauthorized");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("""{"status":"success"}""", await revoke.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(hook.IsSignedWith(WebhookReceiver.Secret));
        Assert.False(hook.IsSignedWith("another-secret"));
        var payload = hook.Payload();
        Assert.Equal(TestUsers.Owner.Id, payload.GetProperty("user_id").GetString());
        Assert.Equal(TestUsers.Owner.AccountId, payload.GetProperty("account_id").GetString());
        Assert.Equal("sandbox-client-id", payload.GetProperty("client_id").GetString());
        Assert.Equal(TestCalendar.ZoomUtc(TestCalendar.FakeNow), payload.GetProperty("deauthorization_time").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("signature").GetString()));
        Assert.Equal(JsonValueKind.Number, payload.GetProperty("event_ts").ValueKind);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), hook.Timestamp);
        using var afterRevoke = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        using var refresh = await host.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    private static async Task<HttpResponseMessage> RevokeAsync(SandboxHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/revoke", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("sandbox-client-id:sandbox-client-secret"u8.ToArray()));
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task ApiDeleteSendsMeetingDeletedWithZoomsFields()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var created = await host.CreateMeetingAsync(tokens.AccessToken);
        var id = created.GetProperty("id").GetInt64();

        using var _ = await host.ApiAsync(HttpMethod.Delete, $"v2/meetings/{id}", tokens.AccessToken);
        var hook = await receiver.WaitForAsync("meeting.deleted");

        Assert.True(hook.IsSignedWith(WebhookReceiver.Secret));
        var payload = hook.Payload();
        Assert.Equal(TestUsers.Owner.AccountId, payload.GetProperty("account_id").GetString());
        Assert.Equal(TestUsers.Owner.Email, payload.GetProperty("operator").GetString());
        var meeting = payload.GetProperty("object");
        Assert.Equal(id, meeting.GetProperty("id").GetInt64());
        Assert.Equal(created.GetProperty("uuid").GetString(), meeting.GetProperty("uuid").GetString());
        Assert.Equal(TestUsers.Owner.Id, meeting.GetProperty("host_id").GetString());
        Assert.Equal("Reformer basics", meeting.GetProperty("topic").GetString());
        Assert.Equal(2, meeting.GetProperty("type").GetInt32());
        Assert.Equal(SandboxHost.MeetingStart, meeting.GetProperty("start_time").GetString());
        Assert.Equal(55, meeting.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/London", meeting.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task DeleteInZoomRemovesTheMeetingAndSendsMeetingDeleted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();

        Assert.True(host.State.DeleteMeetingInZoom(id));
        var hook = await receiver.WaitForAsync("meeting.deleted");

        Assert.Equal(id, hook.Payload().GetProperty("object").GetProperty("id").GetInt64());
        using var patch = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new { topic = "x" });
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
    }

    [Fact]
    public async Task UninstallEndsTheGrantAndSendsAppDeauthorized()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        var tokens = await host.ConnectAsync(TestUsers.Instructor);

        Assert.True(host.State.UninstallApp(TestUsers.Instructor.Id));
        var hook = await receiver.WaitForAsync("app_deauthorized");

        Assert.Equal(TestUsers.Instructor.Id, hook.Payload().GetProperty("user_id").GetString());
        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(host.State.UninstallApp(TestUsers.Instructor.Id));
    }

    [Fact]
    public async Task RetriesNon2xxAnswersOnTheScheduleUntilOneSucceeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, systemClock: true);
        receiver.AnswerNext(500, 503);

        await host.ConnectAsync(TestUsers.Owner);

        Assert.True(host.State.UninstallApp(TestUsers.Owner.Id));
        var sent = host.State.WebhookDeliveries.Single(hook => hook.Event == "app_deauthorized");
        await sent.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(WebhookDeliveryStatus.Delivered, sent.Status);
        Assert.Equal([500, 503, 200], sent.Attempts.Select(attempt => attempt.StatusCode ?? 0));
        Assert.True(sent.Attempts[1].At - sent.Attempts[0].At >= TimeSpan.FromMilliseconds(40));
        Assert.True(sent.Attempts[2].At - sent.Attempts[1].At >= TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public async Task GivesUpAfterThreeRetries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, systemClock: true);
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        receiver.AnswerNext(500, 500, 500, 500, 500);

        host.State.DeleteMeetingInZoom(id);
        var sent = host.State.WebhookDeliveries.Single();
        await sent.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(WebhookDeliveryStatus.Failed, sent.Status);
        Assert.Equal(4, sent.Attempts.Count);
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task RecordsAnAttemptThatGotNoAnswer()
    {
        await using var host = await SandboxHost.StartAsync(
            options =>
            {
                options.WebhookUrl = new Uri("http://127.0.0.1:9/unreachable");
                options.WebhookRetryDelays = [TimeSpan.FromMilliseconds(10)];
            },
            systemClock: true);

        var sent = host.State.SendUrlValidation();
        await sent.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(WebhookDeliveryStatus.Failed, sent.Status);
        Assert.Null(Assert.Single(sent.Attempts).StatusCode);
        Assert.Equal(UrlValidationOutcome.Failed, sent.Validation);
    }

    [Fact]
    public async Task UrlValidationPassesWhenTheAnswerIsTheHmacOfThePlainToken()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);

        var sent = host.State.SendUrlValidation();
        await sent.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var hook = Assert.Single(receiver.Received);
        Assert.Equal("endpoint.url_validation", hook.Event);
        Assert.Equal(sent.PlainToken, hook.Payload().GetProperty("plainToken").GetString());
        Assert.True(hook.IsSignedWith(WebhookReceiver.Secret));
        Assert.Equal(UrlValidationOutcome.Passed, sent.Validation);
    }

    [Fact]
    public async Task UrlValidationFailsWhenTheAnswerIsWrong()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.WrongEncryptedToken = "00ff";
        await using var host = await StartAsync(receiver);

        var sent = host.State.SendUrlValidation();
        await sent.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(UrlValidationOutcome.Failed, sent.Validation);
        Assert.Single(sent.Attempts);
    }

    [Fact]
    public async Task SendsNothingWithoutAWebhookUrl()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.ConnectAsync(TestUsers.Owner);

        host.State.UninstallApp(TestUsers.Owner.Id);

        Assert.Equal(WebhookDeliveryStatus.NotSent, Assert.Single(host.State.WebhookDeliveries).Status);
    }
}
