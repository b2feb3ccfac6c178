using Junocal.Domain;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>A studio's current access token, encrypted, kept only until it expires (at most an hour).</summary>
public sealed class ZoomAccessToken : IStudioOwned
{
    private ZoomAccessToken()
    {
    }

    public Guid StudioId { get; private set; }
    public string EncryptedToken { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }

    public static ZoomAccessToken Issue(Guid studioId, string encryptedToken, DateTimeOffset expiresAt) =>
        new() { StudioId = studioId, EncryptedToken = encryptedToken, ExpiresAt = expiresAt };

    public void Replace(string encryptedToken, DateTimeOffset expiresAt)
    {
        EncryptedToken = encryptedToken;
        ExpiresAt = expiresAt;
    }
}
