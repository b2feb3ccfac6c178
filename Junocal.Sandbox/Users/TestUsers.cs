namespace Junocal.Sandbox.Users;

/// <summary>The fixed set of sandbox users: two on the studio's account, one on another account.</summary>
public static class TestUsers
{
    public const string StudioAccountId = "q7ZcF2mBRySkX4oN1dLw8A";
    public const string OtherAccountId = "Vt3hJ9pQSm6eK0bYxR5uWg";

    public static ZoomTestUser Owner { get; } = new(
        "KDcuGIm1QgePTO8WbOqwIQ", StudioAccountId, "zoom.owner@juno-pilates.test", "Juno", "Owner", "Europe/London");

    public static ZoomTestUser Instructor { get; } = new(
        "x1YbN5sTQ0a8Hc2EuLmPZw", StudioAccountId, "zoom.instructor@juno-pilates.test", "Ines", "Instructor", "Europe/Berlin");

    public static ZoomTestUser Other { get; } = new(
        "Rz8dW4kLTf2nJ6qAyC0vEg", OtherAccountId, "zoom.other@other-account.test", "Olive", "Other", "America/New_York");

    public static IReadOnlyList<ZoomTestUser> All { get; } = [Owner, Instructor, Other];

    public static ZoomTestUser? Find(string userId) => All.FirstOrDefault(user => user.Id == userId);
}
