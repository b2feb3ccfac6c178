using Junocal.Sandbox.Users;

namespace Junocal.Sandbox.Meetings;

/// <summary>Fields of Rivet's <c>UsersGetUserResponse</c> (users/users.d.ts in https://github.com/zoom/rivet-javascript).</summary>
internal sealed record UserResponse(
    string Id,
    string FirstName,
    string LastName,
    string DisplayName,
    string Email,
    int Type,
    string Timezone,
    string Language,
    string Status,
    string AccountId)
{
    public static UserResponse From(ZoomTestUser user) => new(
        user.Id, user.FirstName, user.LastName, user.DisplayName, user.Email, 2, user.Timezone, "en-US", "active", user.AccountId);
}
