using Junocal.Web.Notifications;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Account;

/// <summary>
/// Accounts: create one (unconfirmed, with its confirmation email owed in the same transaction), confirm it,
/// reset or change its password, rename it. Answers about an email address never tell whether an account exists.
/// </summary>
public sealed class AccountService(
    UserManager<JunocalUser> users,
    SignInManager<JunocalUser> signIn,
    JunocalDbContext db,
    AccountEmailOutbox emails)
{
    public const string DisplayNameField = nameof(NewAccount.DisplayName);
    public const string EmailField = nameof(NewAccount.Email);
    public const string PasswordField = nameof(NewAccount.Password);
    public const string CurrentPasswordField = "CurrentPassword";

    /// <summary>Said when an address is taken, without saying so.</summary>
    public const string EmailNotAvailable =
        "A new account cannot be made with this email. If it is yours, sign in or reset your password instead.";

    /// <summary>
    /// Creates an unconfirmed account and owes its confirmation email. <paramref name="alongside"/> adds the rows that
    /// belong with the account (a studio, a membership, a client) to the same context: all of it commits, or none.
    /// It may refuse with field errors, which roll everything back. <paramref name="studioId"/> names the studio the
    /// confirmation email speaks for; <paramref name="returnUrl"/> is where its link leads once confirmed (a local path).
    /// </summary>
    public async Task<AccountResult> CreateAsync(
        NewAccount account,
        Guid? studioId,
        string? returnUrl,
        Func<JunocalDbContext, JunocalUser, Task<IReadOnlyDictionary<string, string>?>>? alongside,
        CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(account);
        if (errors.Count > 0)
        {
            return AccountResult.Invalid(errors);
        }

        var user = new JunocalUser { UserName = account.Email.Trim(), Email = account.Email.Trim(), DisplayName = account.DisplayName.Trim() };
        AccountResult? outcome = null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, account.Password);
            if (!created.Succeeded)
            {
                outcome = AccountResult.Invalid(ToFieldErrors(created.Errors));
                return;
            }

            if (alongside is not null && await alongside(db, user) is { Count: > 0 } refused)
            {
                outcome = AccountResult.Invalid(refused);
                return;
            }

            emails.Owe(db, AccountEmailKind.ConfirmEmail, user.Id, studioId, returnUrl: returnUrl);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outcome = AccountResult.Done(user.Id);
        });

        if (outcome!.Succeeded)
        {
            await emails.SendSoonAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        return outcome;
    }

    /// <summary>The field errors a new account's details have before anything is written (name, email shape, password rules).</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(NewAccount account)
    {
        var errors = new Dictionary<string, string>();
        var name = account.DisplayName.Trim();
        if (name.Length == 0)
        {
            errors[DisplayNameField] = "Enter your name.";
        }
        else if (name.Length > JunocalUser.MaxDisplayNameLength)
        {
            errors[DisplayNameField] = $"Your name must be at most {JunocalUser.MaxDisplayNameLength} characters.";
        }

        var email = account.Email.Trim();
        if (email.Length == 0)
        {
            errors[EmailField] = "Enter your email address.";
        }
        else if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 256)
        {
            errors[EmailField] = "Enter a valid email address.";
        }

        var user = new JunocalUser { UserName = email, Email = email, DisplayName = name };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, account.Password);
            if (!check.Succeeded)
            {
                errors.TryAdd(PasswordField, Describe(check.Errors));
            }
        }

        return errors;
    }

    /// <summary>Owes a new confirmation email when the address belongs to an unconfirmed account; silent otherwise.</summary>
    public async Task ResendConfirmationAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.EmailConfirmed)
        {
            return;
        }

        emails.Owe(db, AccountEmailKind.ConfirmEmail, user.Id, user.ActiveStudioId);
        await db.SaveChangesAsync(cancellationToken);
        await emails.SendSoonAsync(cancellationToken);
    }

    /// <summary>
    /// Owes a reset link to the address's account (a confirmation link if the address was never confirmed);
    /// silent when there is no account.
    /// </summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return;
        }

        emails.Owe(db, user.EmailConfirmed ? AccountEmailKind.ResetPassword : AccountEmailKind.ConfirmEmail, user.Id, user.ActiveStudioId);
        await db.SaveChangesAsync(cancellationToken);
        await emails.SendSoonAsync(cancellationToken);
    }

    /// <summary>Confirms the address and signs the person in; the link then stops working (the security stamp changes).</summary>
    public async Task<ConfirmEmailOutcome> ConfirmEmailAndSignInAsync(string? userId, string? code)
    {
        var token = AccountLinks.DecodeToken(code);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null || !(await users.ConfirmEmailAsync(user, token!)).Succeeded)
        {
            return ConfirmEmailOutcome.LinkNotValid;
        }

        await users.UpdateSecurityStampAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return ConfirmEmailOutcome.Confirmed;
    }

    /// <summary>Whether a reset link can still be used, so the page can say so before the person types a password.</summary>
    public async Task<bool> IsResetLinkValidAsync(string? userId, string? code)
    {
        var token = AccountLinks.DecodeToken(code);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        return user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<JunocalUser>.ResetPasswordTokenPurpose, token!);
    }

    /// <summary>Sets a new password from a reset link and lifts a lockout; the link then stops working.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string? userId, string? code, string newPassword)
    {
        var token = AccountLinks.DecodeToken(code);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Refused(LinkNotValidMessage);
        }

        var reset = await users.ResetPasswordAsync(user, token!, newPassword);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? AccountResult.Refused(LinkNotValidMessage)
                : AccountResult.Invalid(new Dictionary<string, string> { [PasswordField] = Describe(reset.Errors) });
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return AccountResult.Done(user.Id);
    }

    public const string LinkNotValidMessage = "This link has expired or was already used. Ask for a new one below.";

    /// <summary>Changes the signed-in person's password; their sign-in is renewed, other devices are signed out.</summary>
    public async Task<AccountResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Refused("Sign in again first.");
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? AccountResult.Invalid(new Dictionary<string, string> { [CurrentPasswordField] = "That is not your current password." })
                : AccountResult.Invalid(new Dictionary<string, string> { [PasswordField] = Describe(changed.Errors) });
        }

        await signIn.RefreshSignInAsync(user);
        return AccountResult.Done(user.Id);
    }

    /// <summary>Renames the signed-in person; the user menu shows the new name after the sign-in is renewed.</summary>
    public async Task<AccountResult> ChangeDisplayNameAsync(string userId, string displayName)
    {
        var name = displayName.Trim();
        if (name.Length == 0 || name.Length > JunocalUser.MaxDisplayNameLength)
        {
            return AccountResult.Invalid(new Dictionary<string, string>
            {
                [DisplayNameField] = name.Length == 0 ? "Enter your name." : $"Your name must be at most {JunocalUser.MaxDisplayNameLength} characters.",
            });
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Refused("Sign in again first.");
        }

        user.DisplayName = name;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return AccountResult.Refused(Describe(updated.Errors));
        }

        await signIn.RefreshSignInAsync(user);
        return AccountResult.Done(user.Id);
    }

    private static Dictionary<string, string> ToFieldErrors(IEnumerable<IdentityError> errors)
    {
        var fields = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            var (field, message) = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => (EmailField, EmailNotAvailable),
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => (EmailField, "Enter a valid email address."),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => (PasswordField, error.Description),
                _ => (AccountResult.General, error.Description),
            };
            fields[field] = fields.TryGetValue(field, out var earlier) && earlier != message && field == PasswordField ? earlier + " " + message : message;
        }

        return fields;
    }

    private static string Describe(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(e => e.Description));
}
