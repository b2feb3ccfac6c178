using System.Globalization;
using System.Text;
using Junocal.Sandbox.Webhooks;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Integrations.Zoom.Webhooks;
using Junocal.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

/// <summary>The app's verifier against the sandbox's independent signer, as webhooks arrive in Development.</summary>
public class ZoomWebhookVerificationInTheApp(JunocalApp app) : AppTest(app)
{
    [Fact]
    public void AcceptsWebhooksSignedByTheSandbox()
    {
        const string body = """{"event":"meeting.deleted","payload":{"object":{"id":1}}}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var verifier = App.Services.GetRequiredService<ZoomSignatureVerifier>();

        var result = verifier.Verify(Encoding.UTF8.GetBytes(body), timestamp, WebhookSigner.Sign(SandboxSecret, timestamp, body));

        Assert.Equal(ZoomSignatureResult.Valid, result);
    }

    [Fact]
    public void AnswersUrlValidationAsTheSandboxExpects() =>
        Assert.Equal(
            WebhookSigner.EncryptToken(SandboxSecret, "plain-token"),
            App.Services.GetRequiredService<ZoomUrlValidation>().Respond("plain-token").EncryptedToken);

    private string SandboxSecret => App.Services.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value.WebhookSecretToken;
}
