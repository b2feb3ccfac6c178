using System.Net.Http.Headers;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.OAuth;
using Junocal.Sandbox.Users;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Meetings;

/// <summary>Bearer-token and scope checks in Zoom's order: a bad token is 124 (401), a missing scope 4711 (400).</summary>
internal static class ApiAccess
{
    public static (ZoomTestUser? User, ZoomErrorResult? Error) Check(HttpContext http, ZoomSandboxState sandbox, string requiredScope)
    {
        var token = AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                ? header.Parameter
                : null;
        var access = sandbox.OAuth.Authenticate(token);
        return access switch
        {
            { Failure: AccessFailure.Expired } => (null, ZoomErrors.ExpiredAccessToken()),
            { Grant: null } or { User: null } => (null, ZoomErrors.InvalidAccessToken()),
            _ when !access.Grant.Scopes.Contains(requiredScope) => (null, ZoomErrors.MissingScope(requiredScope)),
            _ => (access.User, null),
        };
    }

    /// <summary>User-level apps pass <c>me</c>; the user's own id or email mean the same user.</summary>
    public static bool IsSelf(string userId, ZoomTestUser user) =>
        userId == "me" || userId == user.Id || string.Equals(userId, user.Email, StringComparison.OrdinalIgnoreCase);
}
