namespace Junocal.Sandbox.Google.Users;

/// <summary>
/// A Google Account the consent page offers. <see cref="Sub"/> is the stable identity key (21 digits like Google's);
/// <see cref="HostedDomain"/> is set for a Workspace user and becomes the ID token's <c>hd</c>.
/// </summary>
public sealed record GoogleTestUser(string Sub, string Email, bool EmailVerified, string Name, string? HostedDomain = null);

/// <summary>The fixed set of sandbox Google Accounts.</summary>
public static class GoogleTestUsers
{
    public static GoogleTestUser Owner { get; } = new("108123456789012345671", "juno.owner@gmail.test", true, "Juno Owner");

    public static GoogleTestUser Workspace { get; } =
        new("108123456789012345672", "studio@juno-pilates.test", true, "Juno Pilates Studio", "juno-pilates.test");

    public static GoogleTestUser Other { get; } = new("108123456789012345673", "olive.other@gmail.test", true, "Olive Other");

    public static GoogleTestUser Unverified { get; } = new("108123456789012345674", "unverified@gmail.test", false, "Una Verified");

    public static IReadOnlyList<GoogleTestUser> All { get; } = [Owner, Workspace, Other, Unverified];

    public static GoogleTestUser? Find(string sub) => All.FirstOrDefault(user => user.Sub == sub);

    public static GoogleTestUser? FindByEmailOrSub(string hint) =>
        All.FirstOrDefault(user => user.Sub == hint || string.Equals(user.Email, hint, StringComparison.OrdinalIgnoreCase));
}
