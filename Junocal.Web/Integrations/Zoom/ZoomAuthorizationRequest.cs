using Junocal.Domain;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// One "Connect Zoom" in flight: the hash of its <c>state</c>, who started it, its PKCE verifier (protected) and the
/// redirect URI it used. Single use, valid for ten minutes.
/// </summary>
public sealed class ZoomAuthorizationRequest : IStudioOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private ZoomAuthorizationRequest()
    {
    }

    public string StateHash { get; private set; } = "";
    public Guid StudioId { get; private set; }
    public string UserId { get; private set; } = "";
    public string ProtectedVerifier { get; private set; } = "";
    public string RedirectUri { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }

    public static ZoomAuthorizationRequest Start(string stateHash, Guid studioId, string userId, string protectedVerifier,
        string redirectUri, DateTimeOffset now) => new()
        {
            StateHash = stateHash,
            StudioId = studioId,
            UserId = userId,
            ProtectedVerifier = protectedVerifier,
            RedirectUri = redirectUri,
            ExpiresAt = now + Lifetime,
        };
}
