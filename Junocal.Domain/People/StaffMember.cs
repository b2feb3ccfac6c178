namespace Junocal.Domain.People;

public sealed class StaffMember : IStudioOwned
{
    public const int MaxNameLength = 200;

    private StaffMember(Guid id, Guid studioId, string name, string email, string role)
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
    public string Email { get; private set; }

    /// <summary>One of <see cref="Roles.Owner"/>, <see cref="Roles.FrontDesk"/> or <see cref="Roles.Instructor"/>.</summary>
    public string Role { get; private set; }

    public static StaffMember Create(Guid studioId, string name, string email, string role)
    {
        if (role is not (Roles.Owner or Roles.FrontDesk or Roles.Instructor))
        {
            throw new DomainException($"\"{role}\" is not a staff role.");
        }

        return new StaffMember(
            Guid.CreateVersion7(), studioId, Text.Required(name, "Name", MaxNameLength), EmailAddress.Normalize(email), role);
    }
}
