using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;

namespace Junocal.Tests.Sandbox;

public class SandboxLogging
{
    [Fact]
    public async Task NeverWritesTokensCodesSecretsOrSignatures()
    {
        var logs = new CapturedLogs();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SandboxHost.StartAsync(
            options =>
            {
                options.WebhookUrl = receiver.Url;
                options.WebhookSecretToken = WebhookReceiver.Secret;
                options.WebhookRetryDelays = [TimeSpan.Zero];
            },
            logs: logs);
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        using var exchange = await host.ExchangeAsync(code);
        var tokens = TokenSet.From(await SandboxHost.ReadJsonAsync(exchange));
        host.State.Faults.Script(SandboxEndpoint.Token, FaultKind.InvalidGrant);
        using var refused = await host.RefreshAsync(tokens.RefreshToken);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        receiver.AnswerNext(500);
        using var _ = await host.ApiAsync(HttpMethod.Delete, $"v2/meetings/{id}", tokens.AccessToken);
        var hook = await receiver.WaitForAsync("meeting.deleted", count: 2);

        var everything = string.Join('\n', logs.Lines);
        Assert.Contains("meeting.deleted", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { code, tokens.AccessToken, tokens.RefreshToken, "sandbox-client-secret", WebhookReceiver.Secret, hook.Signature })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
