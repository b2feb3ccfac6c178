using Junocal.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Features.Account;

/// <summary>
/// How long emailed links live. Both are Identity data-protection tokens bound to the account's security stamp,
/// which changes when the link is used (confirming, resetting), so each link works once.
/// </summary>
public static class AccountTokens
{
    public static readonly TimeSpan ConfirmEmailLifespan = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetPasswordLifespan = TimeSpan.FromMinutes(60);

    public const string PasswordResetProvider = "PasswordReset";
}

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = AccountTokens.PasswordResetProvider;
        TokenLifespan = AccountTokens.ResetPasswordLifespan;
    }
}

/// <summary>Identity's data-protection token provider with the shorter lifespan a password reset gets.</summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<JunocalUser>> logger)
    : DataProtectorTokenProvider<JunocalUser>(dataProtectionProvider, options, logger);
