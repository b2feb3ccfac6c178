namespace Junocal.Domain.People;

/// <summary>
/// One person's place in one studio: the account (<see cref="UserId"/>) holds <see cref="Role"/> there and speaks
/// for <see cref="PersonId"/> — the studio's staff member for staff roles, its client for <see cref="Roles.Client"/>.
/// A person has at most one membership per studio and any number of studios.
/// </summary>
public sealed class Membership : IStudioOwned
{
    private Membership(Guid studioId, string userId, string role, Guid personId, DateTimeOffset joinedAt)
    {
        StudioId = studioId;
        UserId = userId;
        Role = role;
        PersonId = personId;
        JoinedAt = joinedAt;
        Status = MembershipStatus.Active;
    }

    public Guid StudioId { get; private set; }

    /// <summary>The account's id (ASP.NET Core Identity user id).</summary>
    public string UserId { get; private set; }

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    public string Role { get; private set; }

    /// <summary>The <see cref="StaffMember"/> (staff roles) or <see cref="Client"/> (client role) this membership speaks for.</summary>
    public Guid PersonId { get; private set; }

    public MembershipStatus Status { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public bool IsActive => Status == MembershipStatus.Active;

    public static Membership Create(Guid studioId, string userId, string role, Guid personId, DateTimeOffset joinedAt)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("A membership needs an account.");
        }

        return new Membership(studioId, userId, RequireRole(role), personId, joinedAt);
    }

    /// <summary>Changes the role; the caller guards studio-wide rules such as keeping one owner.</summary>
    public void ChangeRole(string role, Guid personId)
    {
        Role = RequireRole(role);
        PersonId = personId;
    }

    /// <summary>The person can no longer act in this studio; their history stays.</summary>
    public void Deactivate() => Status = MembershipStatus.Deactivated;

    public void Reactivate() => Status = MembershipStatus.Active;

    private static string RequireRole(string role) =>
        Roles.All.Contains(role) ? role : throw new DomainException($"\"{role}\" is not a role.");
}

public enum MembershipStatus
{
    Active,
    Deactivated,
}
