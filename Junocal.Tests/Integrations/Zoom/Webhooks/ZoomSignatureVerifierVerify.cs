using System.Security.Cryptography;
using System.Text;
using Junocal.Web.Integrations.Zoom.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

public class ZoomSignatureVerifierVerify
{
    private const string Secret = "zoom-secret-token";
    private const string Timestamp = "1700000000";

    private static readonly byte[] Body =
        """{"event":"meeting.deleted","payload":{"account_id":"AAA","object":{"id":85746065432}}}"""u8.ToArray();

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    [Fact]
    public void AcceptsZoomsSignatureForAKnownRequest() =>
        // Computed outside .NET: HMAC-SHA256("zoom-secret-token", "v0:1700000000:" + body), lowercase hex.
        Assert.Equal(ZoomSignatureResult.Valid, Verifier().Verify(Body, Timestamp, "v0=d539ed27b598e6acc42211be8dafce4fa8ebecaf85e797962abfd784d38812cb"));

    [Fact]
    public void AcceptsASignatureComputedLikeZoomsSample() =>
        Assert.Equal(ZoomSignatureResult.Valid, Verifier().Verify(Body, Timestamp, Sign(Secret, Timestamp, Body)));

    [Fact]
    public void RejectsABodyWithOneChangedByte()
    {
        var signature = Sign(Secret, Timestamp, Body);
        var changed = (byte[])Body.Clone();
        changed[^5] ^= 0x01;

        Assert.Equal(ZoomSignatureResult.Mismatch, Verifier().Verify(changed, Timestamp, signature));
    }

    [Fact]
    public void RejectsASignatureMadeWithAnotherSecret() =>
        Assert.Equal(ZoomSignatureResult.Mismatch, Verifier().Verify(Body, Timestamp, Sign("another-secret", Timestamp, Body)));

    [Fact]
    public void RejectsASignatureOfAnotherTimestamp()
    {
        var signature = Sign(Secret, Timestamp, Body);

        Assert.Equal(ZoomSignatureResult.Mismatch, Verifier().Verify(Body, "1700000001", signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ReportsAMissingSignature(string? signature) =>
        Assert.Equal(ZoomSignatureResult.MissingSignature, Verifier().Verify(Body, Timestamp, signature));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ReportsAMissingTimestamp(string? timestamp) =>
        Assert.Equal(ZoomSignatureResult.MissingTimestamp, Verifier().Verify(Body, timestamp, Sign(Secret, Timestamp, Body)));

    [Theory]
    [InlineData("17000000OO")]
    [InlineData("-1700000000")]
    [InlineData("1700000000.5")]
    [InlineData(" 1700000000")]
    [InlineData("99999999999999999999999")]
    public void ReportsATimestampThatIsNotUnixSecondsAsMalformed(string timestamp) =>
        Assert.Equal(ZoomSignatureResult.Malformed, Verifier().Verify(Body, timestamp, Sign(Secret, timestamp, Body)));

    [Fact]
    public void ReportsASignatureWithoutTheV0PrefixAsMalformed() =>
        Assert.Equal(ZoomSignatureResult.Malformed, Verifier().Verify(Body, Timestamp, Sign(Secret, Timestamp, Body)["v0=".Length..]));

    [Theory]
    [InlineData("v1=d539ed27b598e6acc42211be8dafce4fa8ebecaf85e797962abfd784d38812cb")]
    [InlineData("v0=d539ed27b598e6acc42211be8dafce4fa8ebecaf85e797962abfd784d38812")]
    [InlineData("v0=d539ed27b598e6acc42211be8dafce4fa8ebecaf85e797962abfd784d38812cbcb")]
    [InlineData("v0=z539ed27b598e6acc42211be8dafce4fa8ebecaf85e797962abfd784d38812cb")]
    [InlineData("v0=")]
    public void ReportsASignatureThatIsNotV0AndSha256HexAsMalformed(string signature) =>
        Assert.Equal(ZoomSignatureResult.Malformed, Verifier().Verify(Body, Timestamp, signature));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void RejectsATimestampMoreThanFiveMinutesAway(int offsetSeconds)
    {
        var timestamp = (1_700_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(ZoomSignatureResult.Stale, Verifier().Verify(Body, timestamp, Sign(Secret, timestamp, Body)));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    [InlineData(-300)]
    [InlineData(300)]
    public void AcceptsATimestampWithinFiveMinutes(int offsetSeconds)
    {
        var timestamp = (1_700_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(ZoomSignatureResult.Valid, Verifier().Verify(Body, timestamp, Sign(Secret, timestamp, Body)));
    }

    [Fact]
    public void FollowsTheClockAsTimePasses()
    {
        var verifier = Verifier();
        var signature = Sign(Secret, Timestamp, Body);

        _time.Advance(TimeSpan.FromSeconds(301));

        Assert.Equal(ZoomSignatureResult.Stale, verifier.Verify(Body, Timestamp, signature));
    }

    [Fact]
    public void AcceptsAnUppercaseHexSignature() =>
        Assert.Equal(ZoomSignatureResult.Valid, Verifier().Verify(Body, Timestamp, "v0=" + Sign(Secret, Timestamp, Body)[3..].ToUpperInvariant()));

    [Fact]
    public void AcceptsTheSecretsListedForRotation()
    {
        var verifier = Verifier(options =>
        {
            options.WebhookSecretToken = "new-secret";
            options.WebhookSecretTokens.Add(Secret);
        });

        Assert.Equal(ZoomSignatureResult.Valid, verifier.Verify(Body, Timestamp, Sign(Secret, Timestamp, Body)));
        Assert.Equal(ZoomSignatureResult.Valid, verifier.Verify(Body, Timestamp, Sign("new-secret", Timestamp, Body)));
        Assert.Equal(ZoomSignatureResult.Mismatch, verifier.Verify(Body, Timestamp, Sign("retired-long-ago", Timestamp, Body)));
    }

    [Fact]
    public void RejectsEverythingWhenNoSecretIsConfigured()
    {
        var verifier = Verifier(options => options.WebhookSecretToken = null);

        Assert.Equal(ZoomSignatureResult.Mismatch, verifier.Verify(Body, Timestamp, Sign("", Timestamp, Body)));
    }

    [Fact]
    public void VerifiesAnEmptyBody() =>
        Assert.Equal(ZoomSignatureResult.Valid, Verifier().Verify([], Timestamp, Sign(Secret, Timestamp, [])));

    private ZoomSignatureVerifier Verifier(Action<ZoomWebhookOptions>? configure = null)
    {
        var options = new ZoomWebhookOptions { WebhookSecretToken = Secret };
        configure?.Invoke(options);
        return new ZoomSignatureVerifier(new FixedOptionsMonitor<ZoomWebhookOptions>(options), _time, NullLogger<ZoomSignatureVerifier>.Instance);
    }

    // The way Zoom's webhook-sample signs, over the raw bytes.
    private static string Sign(string secret, string timestamp, byte[] body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray()));
}

/// <summary>An options monitor that always returns the same options.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
