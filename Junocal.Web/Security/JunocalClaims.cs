namespace Junocal.Web.Security;

/// <summary>
/// The claims of Junocal's sign-in cookie beyond Identity's own (user id, email, security stamp). Role claims
/// (<see cref="System.Security.Claims.ClaimTypes.Role"/>) hold the role of the active studio's membership only.
/// </summary>
public static class JunocalClaims
{
    /// <summary>The active studio; every studio query is scoped to it. Absent until the person has chosen one.</summary>
    public const string StudioId = "junocal:studio";
    public const string StudioName = "junocal:studio_name";

    /// <summary>The staff member or client the active membership speaks for.</summary>
    public const string PersonId = "junocal:person";
    public const string DisplayName = "junocal:display_name";

    /// <summary>How many studios the person may act in (the user menu offers a switch when more than one).</summary>
    public const string MembershipCount = "junocal:memberships";
}
