namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// What the Integrations page tells the owner after a connect attempt. Travels as a short code in the redirect back
/// to the page, so nothing but the code is ever in a URL.
/// </summary>
public sealed record ZoomConnectMessage(string Code, bool IsSuccess, string Text)
{
    public static readonly ZoomConnectMessage Connected = new("connected", true, "Zoom is connected. The Zoom option is now available in the Location picker.");
    public static readonly ZoomConnectMessage Reconnected = new("reconnected", true, "Zoom is reconnected. Waiting Zoom work resumes on its own.");
    public static readonly ZoomConnectMessage Denied = new("denied", false, "Zoom was not connected: the authorization was declined on Zoom's consent screen.");
    public static readonly ZoomConnectMessage StateMissing = new("state-missing", false, "Zoom was not connected: the reply from Zoom was incomplete. Start again with Connect Zoom.");
    public static readonly ZoomConnectMessage StateUnknown = new("state-unknown", false, "Zoom was not connected: that sign-in link was already used or was not started by you. Start again with Connect Zoom.");
    public static readonly ZoomConnectMessage StateExpired = new("state-expired", false, "Zoom was not connected: more than 10 minutes passed on Zoom's consent screen. Start again with Connect Zoom.");
    public static readonly ZoomConnectMessage ZoomError = new("zoom-error", false, "Zoom was not connected: Zoom reported an error. Try again in a moment.");
    public static readonly ZoomConnectMessage ExchangeFailed = new("exchange-failed", false, "Zoom was not connected: Zoom did not accept the authorization. Start again with Connect Zoom.");
    public static readonly ZoomConnectMessage IdentityUnknown = new("identity-unknown", false, "Zoom was not connected: Zoom did not say which account authorized. Try again, or email hello@junocal.com.");
    public static readonly ZoomConnectMessage AlreadyConnected = new("already-connected", false, "Your studio is already connected to Zoom. Disconnect first to connect a different Zoom account.");

    public static readonly ZoomConnectMessage ConnectedElsewhere = new("connected-elsewhere", false, "Zoom was not connected: that Zoom account is already connected to another studio in Junocal. A Zoom account can serve one studio at a time: disconnect it there first, or connect a different Zoom account.");

    private static readonly ZoomConnectMessage[] Known =
        [Connected, Reconnected, Denied, StateMissing, StateUnknown, StateExpired, ZoomError, ExchangeFailed, IdentityUnknown, AlreadyConnected, ConnectedElsewhere];

    public static ZoomConnectMessage OtherAccount(string expected) =>
        new("other-account", false, $"Zoom was not reconnected: that is a different Zoom account. Reconnect as {expected}, or disconnect first to switch accounts.");

    public static ZoomConnectMessage? FromCode(string? code) => Known.FirstOrDefault(m => m.Code == code);
}
