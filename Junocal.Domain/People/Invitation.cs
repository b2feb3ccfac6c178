namespace Junocal.Domain.People;

/// <summary>
/// An owner's invitation for one email address to join the studio in one role. Its link is single use, bound to
/// that address, and dies after <see cref="Lifetime"/>, on revocation, or when a resend replaces it.
/// </summary>
public sealed class Invitation : IStudioOwned
{
    public const int MaxNameLength = 200;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    // For the data layer.
    private Invitation()
    {
        Email = Name = Role = InvitedBy = "";
    }

    private Invitation(Guid id, Guid studioId, string email, string name, string role, Guid? personId, string invitedBy, DateTimeOffset now)
    {
        Id = id;
        StudioId = studioId;
        Email = email;
        Name = name;
        Role = role;
        PersonId = personId;
        InvitedBy = invitedBy;
        CreatedAt = now;
        SentAt = now;
        ExpiresAt = now + Lifetime;
        LinkVersion = 1;
        Status = InvitationStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }

    /// <summary>The only address that may accept it.</summary>
    public string Email { get; private set; }

    /// <summary>How the studio knows the person; the name a new account starts with.</summary>
    public string Name { get; private set; }

    public string Role { get; private set; }

    /// <summary>The staff member or client the account will speak for; none when accepting creates the staff member.</summary>
    public Guid? PersonId { get; private set; }

    /// <summary>Who sent it (the owner's email), for the email and the audit log.</summary>
    public string InvitedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the current link was sent.</summary>
    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Part of the link; a resend moves it on so every earlier link stops working.</summary>
    public int LinkVersion { get; private set; }

    public InvitationStatus Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The account that accepted it.</summary>
    public string? AcceptedByUserId { get; private set; }

    public static Invitation Issue(Guid studioId, string email, string name, string role, Guid? personId, string invitedBy, DateTimeOffset now)
    {
        if (!Roles.All.Contains(role))
        {
            throw new DomainException($"\"{role}\" is not a role.");
        }

        return new Invitation(Guid.CreateVersion7(), studioId, EmailAddress.Normalize(email), Text.Required(name, "Name", MaxNameLength),
            role, personId, invitedBy, now);
    }

    public bool IsPendingAt(DateTimeOffset now) => Status == InvitationStatus.Pending && now < ExpiresAt;

    public bool IsExpiredAt(DateTimeOffset now) => Status == InvitationStatus.Pending && now >= ExpiresAt;

    /// <summary>A new link, valid for another <see cref="Lifetime"/>; the old one stops working.</summary>
    public void Resend(DateTimeOffset now)
    {
        if (Status != InvitationStatus.Pending)
        {
            throw new DomainException(Status == InvitationStatus.Accepted
                ? "This invitation was already accepted."
                : "This invitation was revoked; send a new one instead.");
        }

        LinkVersion++;
        SentAt = now;
        ExpiresAt = now + Lifetime;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (Status != InvitationStatus.Pending)
        {
            throw new DomainException(Status == InvitationStatus.Accepted
                ? "This invitation was already accepted; change the person's role or deactivate them instead."
                : "This invitation was already revoked.");
        }

        Status = InvitationStatus.Revoked;
        ClosedAt = now;
    }

    /// <summary>
    /// Why the link <paramref name="linkVersion"/> cannot be used by <paramref name="accountEmail"/> now, in words for
    /// the person holding it; null when it can. Pass no email to check the link alone.
    /// </summary>
    public string? RefusalFor(int linkVersion, string? accountEmail, DateTimeOffset now) =>
        Status switch
        {
            InvitationStatus.Accepted => "This invitation has already been used. Sign in to reach the studio.",
            InvitationStatus.Revoked => "This invitation was withdrawn by the studio. Ask them to send a new one.",
            _ when linkVersion != LinkVersion => "A newer invitation was sent to this address; use the link in the latest email.",
            _ when now >= ExpiresAt => "This invitation has expired. Ask the studio to send a new one.",
            _ when accountEmail is not null && !string.Equals(accountEmail.Trim(), Email, StringComparison.OrdinalIgnoreCase) =>
                $"This invitation is for {Email}. Sign out, then open the link again and sign in or sign up with that address.",
            _ => null,
        };

    public void Accept(int linkVersion, string accountEmail, string userId, Guid personId, DateTimeOffset now)
    {
        if (RefusalFor(linkVersion, accountEmail, now) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        Status = InvitationStatus.Accepted;
        ClosedAt = now;
        AcceptedByUserId = userId;
        PersonId = personId;
    }
}

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
}
