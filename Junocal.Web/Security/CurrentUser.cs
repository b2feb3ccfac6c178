using System.Security.Claims;
using Junocal.Domain.People;

namespace Junocal.Web.Security;

/// <summary>
/// The signed-in user of the current request or circuit. Services ask it who is calling and refuse
/// commands the caller's role may not run, whatever the UI shows.
/// </summary>
public sealed class CurrentUser
{
    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>
    /// True when the request pipeline has just checked this principal against the account's active membership
    /// (<see cref="ActiveStudios.IsCurrent"/>); circuits and other long-lived scopes are checked on every use instead.
    /// </summary>
    public bool IsCheckedForThisRequest { get; private set; }

    /// <summary>The account's id (Identity user id); empty when nobody is signed in.</summary>
    public string UserId => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "" : "";

    public Guid StudioIdOrEmpty =>
        IsAuthenticated && Guid.TryParse(Principal.FindFirstValue(JunocalClaims.StudioId), out var id) ? id : Guid.Empty;

    public Guid StudioId => StudioIdOrEmpty is var id && id != Guid.Empty
        ? id
        : throw new UnauthorizedAccessException("Sign in to a studio first.");

    public Guid PersonId => Guid.TryParse(Principal.FindFirstValue(JunocalClaims.PersonId), out var id)
        ? id
        : throw new UnauthorizedAccessException("Sign in first.");

    public string Email => Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity?.Name ?? "";

    public string DisplayName => Principal.FindFirstValue(JunocalClaims.DisplayName) ?? Email;

    public string StudioName => Principal.FindFirstValue(JunocalClaims.StudioName) ?? "";

    /// <summary>The role of the active studio's membership; null without an active studio.</summary>
    public string? Role => Roles.All.FirstOrDefault(Principal.IsInRole);

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Throws unless the caller holds one of <paramref name="roles"/>.</summary>
    public void Require(params string[] roles)
    {
        if (!IsAuthenticated || !roles.Any(Principal.IsInRole))
        {
            throw new UnauthorizedAccessException(
                $"Only {string.Join(" or ", roles.Select(Roles.DisplayName))} can do this.");
        }
    }

    internal void Set(ClaimsPrincipal principal, bool checkedForThisRequest = false)
    {
        Principal = principal;
        IsCheckedForThisRequest = checkedForThisRequest;
    }
}
