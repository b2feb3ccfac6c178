namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>What the Integrations page tells the owner after a Google connect attempt; travels as a short code in the redirect.</summary>
public sealed record GoogleConnectMessage(string Code, bool IsSuccess, string Text)
{
    public static readonly GoogleConnectMessage Connected = new("connected", true, "Google is connected. The Google Meet option is now available in the Location picker.");
    public static readonly GoogleConnectMessage Reconnected = new("reconnected", true, "Google is reconnected. Waiting Google Meet work resumes on its own.");
    public static readonly GoogleConnectMessage Denied = new("denied", false, "Google was not connected: the access was declined on Google's consent screen.");
    public static readonly GoogleConnectMessage PartialScopes = new("partial-scopes", false, "Google was not connected: not every permission was granted. Junocal needs all three (your email, and the calendars it creates itself). Start again with Connect Google and leave every box ticked.");
    public static readonly GoogleConnectMessage StateMissing = new("state-missing", false, "Google was not connected: the reply from Google was incomplete. Start again with Connect Google.");
    public static readonly GoogleConnectMessage StateUnknown = new("state-unknown", false, "Google was not connected: that sign-in link was already used or was not started by you. Start again with Connect Google.");
    public static readonly GoogleConnectMessage StateExpired = new("state-expired", false, "Google was not connected: more than 10 minutes passed on Google's consent screen. Start again with Connect Google.");
    public static readonly GoogleConnectMessage GoogleError = new("google-error", false, "Google was not connected: Google reported an error. Try again in a moment.");
    public static readonly GoogleConnectMessage ExchangeFailed = new("exchange-failed", false, "Google was not connected: Google did not accept the authorization. Start again with Connect Google.");
    public static readonly GoogleConnectMessage IdentityUnknown = new("identity-unknown", false, "Google was not connected: Google did not say which account authorized. Try again, or email hello@junocal.com.");
    public static readonly GoogleConnectMessage NoRefreshToken = new("no-refresh-token", false, "Google was not connected: Google gave no lasting access. Remove Junocal in your Google Account (myaccount.google.com/permissions), then Connect Google again.");
    public static readonly GoogleConnectMessage AlreadyConnected = new("already-connected", false, "Your studio is already connected to Google. Disconnect first to connect a different Google account.");
    public static readonly GoogleConnectMessage ConnectedElsewhere = new("connected-elsewhere", false, "Google was not connected: that Google account is already connected to another studio in Junocal. Disconnect it there first, or connect a different Google account.");
    public static readonly GoogleConnectMessage OtherAccountRefused = new("other-account", false, "Google was not reconnected: that is a different Google account. Reconnect with the account shown on the card, or disconnect first to switch accounts.");

    private static readonly GoogleConnectMessage[] Known =
        [Connected, Reconnected, Denied, PartialScopes, StateMissing, StateUnknown, StateExpired, GoogleError, ExchangeFailed, IdentityUnknown,
         NoRefreshToken, AlreadyConnected, ConnectedElsewhere, OtherAccountRefused];

    public static GoogleConnectMessage OtherAccount(string expected) =>
        new("other-account", false, $"Google was not reconnected: that is a different Google account. Reconnect as {expected}, or disconnect first to switch accounts.");

    public static GoogleConnectMessage? FromCode(string? code) => Known.FirstOrDefault(m => m.Code == code);
}
