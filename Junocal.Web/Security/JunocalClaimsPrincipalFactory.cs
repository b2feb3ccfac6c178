using System.Security.Claims;
using Junocal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Security;

/// <summary>Adds the user's studio, person and display name to the sign-in cookie.</summary>
internal sealed class JunocalClaimsPrincipalFactory(
    UserManager<JunocalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    SystemDbContextFactory contexts)
    : UserClaimsPrincipalFactory<JunocalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JunocalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = contexts.CreateDbContext(user.StudioId);
        var studioName = await db.Studios.Where(s => s.Id == user.StudioId).Select(s => s.Name).SingleAsync();

        identity.AddClaim(new Claim(JunocalClaims.StudioId, user.StudioId.ToString()));
        identity.AddClaim(new Claim(JunocalClaims.StudioName, studioName));
        identity.AddClaim(new Claim(JunocalClaims.PersonId, user.PersonId.ToString()));
        identity.AddClaim(new Claim(JunocalClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
