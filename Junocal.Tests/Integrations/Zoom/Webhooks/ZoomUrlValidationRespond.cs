using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Web.Integrations.Zoom.Webhooks;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

public class ZoomUrlValidationRespond
{
    [Fact]
    public void EncryptsThePlainTokenWithTheSecretForAKnownAnswer()
    {
        var response = Validation("zoom-secret-token").Respond("qgg8vlvZRS6UYooatFL8Aw");

        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", response.PlainToken);
        // Computed outside .NET: HMAC-SHA256("zoom-secret-token", "qgg8vlvZRS6UYooatFL8Aw"), lowercase hex.
        Assert.Equal("d9e0d764a78494688ba3f2d5c0ed4ca311394b4834d959759213424d2df961e3", response.EncryptedToken);
    }

    [Fact]
    public void MatchesHmacSha256OfThePlainTokenInLowercaseHex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8, Encoding.UTF8.GetBytes("plain-token")));

        Assert.Equal(expected, Validation("s3cret").Respond("plain-token").EncryptedToken);
    }

    [Fact]
    public void SerializesAsZoomExpects()
    {
        var json = JsonSerializer.Serialize(Validation("s3cret").Respond("plain-token"));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("plain-token", document.RootElement.GetProperty("plainToken").GetString());
        Assert.Equal(64, document.RootElement.GetProperty("encryptedToken").GetString()!.Length);
    }

    [Fact]
    public void AnswersWithTheCurrentSecretDuringARotation()
    {
        var options = new ZoomWebhookOptions { WebhookSecretToken = "new-secret" };
        options.WebhookSecretTokens.Add("old-secret");

        var response = new ZoomUrlValidation(new FixedOptionsMonitor<ZoomWebhookOptions>(options)).Respond("plain-token");

        Assert.Equal(Validation("new-secret").Respond("plain-token").EncryptedToken, response.EncryptedToken);
    }

    [Fact]
    public void RefusesToAnswerWithoutASecretNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Validation(null).Respond("plain-token"));

        Assert.Contains("Zoom:WebhookSecretToken", error.Message, StringComparison.Ordinal);
    }

    private static ZoomUrlValidation Validation(string? secret) =>
        new(new FixedOptionsMonitor<ZoomWebhookOptions>(new ZoomWebhookOptions { WebhookSecretToken = secret }));
}
