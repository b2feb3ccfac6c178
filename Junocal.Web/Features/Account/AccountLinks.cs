using System.Text;
using Junocal.Web.Email;
using Junocal.Web.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace Junocal.Web.Features.Account;

/// <summary>The links account emails carry. Identity's tokens travel base64url-encoded.</summary>
public sealed class AccountLinks(PublicLinks links)
{
    public const string ConfirmEmailPath = "/Account/ConfirmEmail";
    public const string ResetPasswordPath = "/Account/ResetPassword";

    public Uri ConfirmEmail(string userId, string token, string? returnUrl) =>
        links.For(QueryHelpers.AddQueryString(ConfirmEmailPath, Query(userId, token, returnUrl)));

    public Uri ResetPassword(string userId, string token) =>
        links.For(QueryHelpers.AddQueryString(ResetPasswordPath, Query(userId, token, null)));

    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token from a link, or null when the link was cut or tampered with.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, string?> Query(string userId, string token, string? returnUrl)
    {
        var query = new Dictionary<string, string?> { ["userId"] = userId, ["code"] = EncodeToken(token) };
        if (LocalPath.OrNull(returnUrl) is { } local)
        {
            query["returnUrl"] = local;
        }

        return query;
    }
}
