using Junocal.Web.Notifications;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Account;

/// <summary>"Confirm your email": a fresh confirmation token, made as the email leaves.</summary>
internal sealed class ConfirmEmailRenderer(UserManager<JunocalUser> users, AccountLinks links, SystemDbContextFactory contexts)
    : IAccountEmailRenderer
{
    public AccountEmailKind Kind => AccountEmailKind.ConfirmEmail;

    public async Task<AccountEmailRendering> RenderAsync(AccountEmail email, CancellationToken cancellationToken)
    {
        var user = email.UserId is null ? null : await users.FindByIdAsync(email.UserId);
        if (user?.Email is null)
        {
            return AccountEmailRendering.Skip("The account no longer exists.");
        }

        if (user.EmailConfirmed)
        {
            return AccountEmailRendering.Skip("The email address is already confirmed.");
        }

        var studioName = await StudioNameAsync(contexts, email.StudioId, cancellationToken);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var lines = new List<string> { $"Hello {user.DisplayName}," };
        lines.Add(studioName is null
            ? "Please confirm that this is your email address to finish setting up your Junocal account."
            : $"Please confirm that this is your email address to finish setting up your Junocal account for {studioName}.");
        lines.Add($"The link works once and for {AccountTokens.ConfirmEmailLifespan.TotalHours:0} hours.");
        return AccountEmailRendering.Send(new AccountEmailContent(
            user.Email, user.DisplayName, "Confirm your email for Junocal", "Confirm your email", lines,
            "Confirm my email", links.ConfirmEmail(user.Id, token, email.ReturnUrl),
            "If you did not create a Junocal account, ignore this email: nothing happens without the link."));
    }

    internal static async Task<string?> StudioNameAsync(SystemDbContextFactory contexts, Guid? studioId, CancellationToken cancellationToken)
    {
        if (studioId is not { } id)
        {
            return null;
        }

        await using var db = contexts.CreateDbContext();
        return await db.Studios.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>"Reset your password": a fresh reset token, made as the email leaves.</summary>
internal sealed class ResetPasswordRenderer(UserManager<JunocalUser> users, AccountLinks links) : IAccountEmailRenderer
{
    public AccountEmailKind Kind => AccountEmailKind.ResetPassword;

    public async Task<AccountEmailRendering> RenderAsync(AccountEmail email, CancellationToken cancellationToken)
    {
        var user = email.UserId is null ? null : await users.FindByIdAsync(email.UserId);
        if (user?.Email is null)
        {
            return AccountEmailRendering.Skip("The account no longer exists.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        return AccountEmailRendering.Send(new AccountEmailContent(
            user.Email, user.DisplayName, "Reset your Junocal password", "Reset your password",
            [
                $"Hello {user.DisplayName},",
                "Someone asked to reset the password of your Junocal account. Choose a new password with the link below.",
                $"The link works once and for {AccountTokens.ResetPasswordLifespan.TotalMinutes:0} minutes.",
            ],
            "Choose a new password", links.ResetPassword(user.Id, token),
            "If you did not ask for this, ignore this email: your password stays as it is."));
    }
}
