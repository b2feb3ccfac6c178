using Junocal.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Features.Account;

public static class AccountModule
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post carrying an antiforgery token, so no other site can sign a user out.
        endpoints.MapPost("/Account/Logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<JunocalUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.Problem("The sign-out form expired. Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return endpoints;
    }
}
