using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Security;

/// <summary>Adds the active studio, its role and person, and the display name to the sign-in cookie.</summary>
internal sealed class JunocalClaimsPrincipalFactory(
    UserManager<JunocalUser> userManager,
    IOptions<IdentityOptions> options,
    ActiveStudios activeStudios)
    : UserClaimsPrincipalFactory<JunocalUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JunocalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(JunocalClaims.DisplayName, user.DisplayName));
        var (active, count) = await activeStudios.ResolveAsync(user.Id, CancellationToken.None);
        identity.AddClaim(new Claim(JunocalClaims.MembershipCount, count.ToString(CultureInfo.InvariantCulture)));
        if (active is not null)
        {
            identity.AddClaim(new Claim(JunocalClaims.StudioId, active.StudioId.ToString()));
            identity.AddClaim(new Claim(JunocalClaims.StudioName, active.StudioName));
            identity.AddClaim(new Claim(JunocalClaims.PersonId, active.PersonId.ToString()));
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, active.Role));
        }

        return identity;
    }
}
