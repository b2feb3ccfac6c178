namespace Junocal.Sandbox.Users;

/// <summary>A Zoom user the consent page offers; ids are shaped like Zoom's 22-character ids.</summary>
public sealed record ZoomTestUser(
    string Id,
    string AccountId,
    string Email,
    string FirstName,
    string LastName,
    string Timezone)
{
    public string DisplayName => $"{FirstName} {LastName}";
}
