using Junocal.Web.Security;

namespace Junocal.Web.Notifications;

/// <summary>
/// An email about a person's account (confirm the address, reset the password, …), owed in the same transaction as
/// the change that owes it and sent by the account email dispatcher with the same retries as class emails.
/// It stores no token: the link is made when the email is sent, so nothing secret rests in the table.
/// </summary>
public sealed class AccountEmail
{
    public const int MaxErrorLength = 1000;
    public const int MaxReturnUrlLength = 500;

    private AccountEmail()
    {
    }

    public Guid Id { get; private set; }
    public AccountEmailKind Kind { get; private set; }

    /// <summary>The account the email is for; null for an email to an address that has no account yet.</summary>
    public string? UserId { get; private set; }

    /// <summary>The studio the email speaks for, when there is one (its name appears in the email).</summary>
    public Guid? StudioId { get; private set; }

    /// <summary>What the email is about beyond the account, e.g. an invitation's id.</summary>
    public Guid? ReferenceId { get; private set; }

    /// <summary>A local path the link continues to once its action is done (e.g. the booking that waited for a confirmed email).</summary>
    public string? ReturnUrl { get; private set; }

    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Concurrency token: one dispatcher claims a row before sending it.</summary>
    public int Version { get; private set; }

    public static AccountEmail Owe(AccountEmailKind kind, string? userId, DateTimeOffset now,
        Guid? studioId = null, Guid? referenceId = null, string? returnUrl = null) => new()
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            UserId = userId,
            StudioId = studioId,
            ReferenceId = referenceId,
            ReturnUrl = LocalPath.OrNull(returnUrl),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Version = 1,
        };

    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        Attempts++;
        NextAttemptAt = now + lease;
        Version++;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
        Version++;
    }

    public void MarkSkipped(string why)
    {
        Status = OutboxStatus.Skipped;
        LastError = Truncate(why);
        Version++;
    }

    public void RetryAt(DateTimeOffset when, string error)
    {
        NextAttemptAt = when;
        LastError = Truncate(error);
        Version++;
    }

    public void MarkFailed(string error)
    {
        Status = OutboxStatus.Failed;
        LastError = Truncate(error);
        Version++;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}

public enum AccountEmailKind
{
    /// <summary>"Confirm your email": a link that confirms the account's address, then signs the person in.</summary>
    ConfirmEmail,

    /// <summary>"Reset your password": a link to choose a new password.</summary>
    ResetPassword,

    /// <summary>"You're invited to …": a studio's invitation (<see cref="AccountEmail.ReferenceId"/> names it) to an address that may have no account yet.</summary>
    Invitation,

    /// <summary>
    /// To a studio's owner: a class (<see cref="AccountEmail.ReferenceId"/>) starts within a day without a link,
    /// because its provider's daily quota holds it back. Owed once per class and owner.
    /// </summary>
    MeetingQuotaAlert,
}
