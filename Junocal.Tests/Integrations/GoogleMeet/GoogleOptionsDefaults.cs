using Junocal.Web.Integrations.GoogleMeet;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>Where Junocal talks to Google unless configured otherwise, and what it asks for.</summary>
public class GoogleOptionsDefaults
{
    [Fact]
    public void TalksToGooglesOwnHostsOverHttps()
    {
        var options = new GoogleOptions();

        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", options.AuthorizeUrl.ToString());
        Assert.Equal("https://oauth2.googleapis.com/token", options.TokenUrl.ToString());
        Assert.Equal("https://oauth2.googleapis.com/revoke", options.RevokeUrl.ToString());
        Assert.Equal("https://openidconnect.googleapis.com/v1/userinfo", options.UserInfoUrl.ToString());
        Assert.Equal("https://www.googleapis.com/calendar/v3/", options.CalendarApiBaseUrl.ToString());
    }

    [Fact]
    public void AsksForExactlyTheIdentityAndAppCreatedCalendarScopes() =>
        Assert.Equal(["openid", "email", "https://www.googleapis.com/auth/calendar.app.created"], GoogleOptions.Scopes);

    [Fact]
    public void CountsAGrantCompleteOnlyWithEveryScope()
    {
        static GoogleTokens Granted(string scope) => new("a", "r", DateTimeOffset.UnixEpoch, scope, null);

        Assert.True(Granted("openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/calendar.app.created").GrantsAll(GoogleOptions.Scopes));
        Assert.True(Granted("email openid https://www.googleapis.com/auth/calendar.app.created").GrantsAll(GoogleOptions.Scopes));
        Assert.False(Granted("openid https://www.googleapis.com/auth/userinfo.email").GrantsAll(GoogleOptions.Scopes));
        Assert.False(Granted("openid https://www.googleapis.com/auth/calendar.app.created").GrantsAll(GoogleOptions.Scopes));
    }
}
