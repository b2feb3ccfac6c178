using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Integrations.GoogleMeet;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>Who connected, read from the ID token only when Google issued it for this client and it is still valid.</summary>
public class GoogleIdTokenRead
{
    private const string ClientId = "client-1";
    private static readonly DateTimeOffset Now = new(TestCalendar.NextYearOn(3, 10), TimeSpan.Zero);

    [Theory]
    [InlineData("https://accounts.google.com")]
    [InlineData("accounts.google.com")]
    public void ReadsSubAndEmailFromGooglesIssuers(string issuer)
    {
        var identity = GoogleIdToken.Read(Token(new { iss = issuer, aud = ClientId, sub = "1234", email = "owner@example.com", exp = Exp(10) }), ClientId, Now);

        Assert.Equal(new GoogleIdentity("1234", "owner@example.com"), identity);
    }

    [Fact]
    public void RefusesAnotherIssuer() =>
        Assert.Null(GoogleIdToken.Read(Token(new { iss = "https://evil.example", aud = ClientId, sub = "1", email = "a@b.c", exp = Exp(10) }), ClientId, Now));

    [Fact]
    public void RefusesAnotherAudience() =>
        Assert.Null(GoogleIdToken.Read(Token(new { iss = "accounts.google.com", aud = "other-client", sub = "1", email = "a@b.c", exp = Exp(10) }), ClientId, Now));

    [Fact]
    public void RefusesAnExpiredToken() =>
        Assert.Null(GoogleIdToken.Read(Token(new { iss = "accounts.google.com", aud = ClientId, sub = "1", email = "a@b.c", exp = Exp(-1) }), ClientId, Now));

    [Fact]
    public void RefusesATokenWithoutEmail() =>
        Assert.Null(GoogleIdToken.Read(Token(new { iss = "accounts.google.com", aud = ClientId, sub = "1", exp = Exp(10) }), ClientId, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.%%%.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void RefusesWhatIsNoToken(string? token) => Assert.Null(GoogleIdToken.Read(token, ClientId, Now));

    private static long Exp(int minutes) => Now.AddMinutes(minutes).ToUnixTimeSeconds();

    private static string Token(object claims) =>
        $"{B64("""{"alg":"RS256"}""")}.{B64(JsonSerializer.Serialize(claims))}.signature";

    private static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
