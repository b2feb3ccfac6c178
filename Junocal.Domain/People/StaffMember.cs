namespace Junocal.Domain.People;

/// <summary>
/// Someone who works at a studio: an owner, a front-desk member or an instructor. An instructor may exist without
/// a login (and without an email): classes are assigned to the staff member, whether or not they ever sign in.
/// </summary>
public sealed class StaffMember : IStudioOwned
{
    public const int MaxNameLength = 200;

    private StaffMember(Guid id, Guid studioId, string name, string? email, string role)
    {
        Id = id;
        StudioId = studioId;
        Name = name;
        Email = email;
        Role = role;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Where the studio reaches them; none for an instructor added without one.</summary>
    public string? Email { get; private set; }

    /// <summary>One of <see cref="Roles.Owner"/>, <see cref="Roles.FrontDesk"/> or <see cref="Roles.Instructor"/>.</summary>
    public string Role { get; private set; }

    /// <summary>When the owner deactivated them; past classes keep their name, new classes cannot be given to them.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public static StaffMember Create(Guid studioId, string name, string? email, string role) =>
        new(Guid.CreateVersion7(), studioId, Text.Required(name, "Name", MaxNameLength),
            string.IsNullOrWhiteSpace(email) ? null : EmailAddress.Normalize(email), StaffRole(role));

    public static bool IsStaffRole(string role) => role is Roles.Owner or Roles.FrontDesk or Roles.Instructor;

    /// <summary>Changes the role; the caller guards the studio-wide rules (the last owner, upcoming classes).</summary>
    public void ChangeRole(string role)
    {
        EnsureActive();
        Role = StaffRole(role);
    }

    /// <summary>Gives a staff member added without an email the address their invitation goes to.</summary>
    public void SetEmail(string email)
    {
        EnsureActive();
        Email = EmailAddress.Normalize(email);
    }

    public void Deactivate(DateTimeOffset now)
    {
        EnsureActive();
        DeactivatedAt = now;
    }

    /// <summary>Back on the staff in the role they had; their classes were never taken from them unless handed over.</summary>
    public void Reactivate()
    {
        if (IsActive)
        {
            throw new DomainException($"{Name} is active already.");
        }

        DeactivatedAt = null;
    }

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw new DomainException($"{Name} was deactivated.");
        }
    }

    private static string StaffRole(string role) =>
        IsStaffRole(role) ? role : throw new DomainException($"\"{role}\" is not a staff role.");
}
