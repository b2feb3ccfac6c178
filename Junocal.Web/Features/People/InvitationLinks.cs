using System.Globalization;
using System.Security.Cryptography;
using Junocal.Domain.People;
using Junocal.Web.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Junocal.Web.Features.People;

/// <summary>
/// The link an invitation email carries. The token names the invitation and its link version, sealed by Data
/// Protection, so nothing secret is stored: the email is rendered at send time, and a resend (a new version),
/// revocation or acceptance kills every earlier link.
/// </summary>
public sealed class InvitationLinks(IDataProtectionProvider protection, PublicLinks links)
{
    public const string Path = "/invite";

    private readonly IDataProtector _protector = protection.CreateProtector("Junocal.Invitations.v1");

    public Uri For(Invitation invitation) => links.For($"{Path}/{TokenFor(invitation)}");

    public string TokenFor(Invitation invitation) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{invitation.Id:N}.{invitation.LinkVersion}"));

    /// <summary>The invitation and link version a token names, or null for a token this app did not make.</summary>
    public (Guid InvitationId, int LinkVersion)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = payload.Split('.');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (id, version)
            : null;
    }
}
