using System.Security.Claims;
using Junocal.Domain.People;

namespace Junocal.Web.Components.Pages;

/// <summary>Where each role lands after signing in; a person without an active studio chooses one.</summary>
public static class StartPages
{
    public static string For(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Owner) || user.IsInRole(Roles.FrontDesk) ? "/schedule"
        : user.IsInRole(Roles.Instructor) ? "/my-classes"
        : user.IsInRole(Roles.Client) ? "/classes"
        : "/studios";
}
