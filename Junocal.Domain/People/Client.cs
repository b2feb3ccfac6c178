namespace Junocal.Domain.People;

public sealed class Client : IStudioOwned
{
    public const int MaxNameLength = 200;

    private Client(Guid id, Guid studioId, string name, string email)
    {
        Id = id;
        StudioId = studioId;
        Name = name;
        Email = email;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public string Name { get; private set; }
    public string Email { get; private set; }

    public static Client Create(Guid studioId, string name, string email) =>
        new(Guid.CreateVersion7(), studioId, ValidName(name), EmailAddress.Normalize(email));

    public static string ValidName(string? name) => Text.Required(name, "Name", MaxNameLength);
}
