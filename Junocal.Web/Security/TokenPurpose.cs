namespace Junocal.Web.Security;

/// <summary>What a protected token is for. Part of the ciphertext's associated data, so purposes cannot be swapped.</summary>
public enum TokenPurpose
{
    ZoomRefreshToken,
    ZoomAccessToken,
    GoogleRefreshToken,
    GoogleAccessToken,

    /// <summary>The Data Protection key ring (sign-in cookies, antiforgery), stored in the database.</summary>
    DataProtectionKey,
}
