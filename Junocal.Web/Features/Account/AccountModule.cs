using Junocal.Web.Email;
using Junocal.Web.Integrations;
using Junocal.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Features.Account;

public static class AccountModule
{
    /// <summary>Accounts and their emails: creating, confirming, resetting, and the account-email outbox.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PublicLinkOptions>(builder.Configuration.GetSection(PublicLinkOptions.SectionName));
        services.TryAddSingleton<SelfOrigin>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<AccountEmailComposer>();
        services.AddSingleton<AccountEmailOutbox>();
        services.AddSingleton<AccountEmailDispatcher>();
        services.AddScoped<IAccountEmailRenderer, ConfirmEmailRenderer>();
        services.AddScoped<IAccountEmailRenderer, ResetPasswordRenderer>();
        services.AddScoped<AccountService>();
        services.AddAccountRateLimits(builder.Configuration);
        return builder;
    }

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

        // Switching studio is a form post with an antiforgery token, so no other site can move a person between studios.
        endpoints.MapPost("/Account/SwitchStudio", async Task<IResult> (HttpContext context, IAntiforgery antiforgery,
            SignInManager<JunocalUser> signIn, ActiveStudios activeStudios, CurrentUser user, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.Problem("The form expired. Reload the page and choose again.", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync(cancellationToken);
            if (!Guid.TryParse(form["studioId"], out var studioId) || !await activeStudios.ChooseAsync(user.UserId, studioId, cancellationToken))
            {
                return TypedResults.Problem("You are not a member of that studio.", statusCode: StatusCodes.Status403Forbidden);
            }

            var account = await signIn.UserManager.FindByIdAsync(user.UserId);
            await signIn.RefreshSignInAsync(account!);
            // Back to the page that asked (a class opened from an email in another studio), never to another site.
            return TypedResults.LocalRedirect(LocalPath.OrStart(form["returnUrl"]));
        }).RequireAuthorization();
        return endpoints;
    }
}
