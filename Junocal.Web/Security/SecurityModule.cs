using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Security;

public static class SecurityModule
{
    public static IHostApplicationBuilder AddJunocalSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CurrentUser>();
        services.AddSingleton<ActiveStudios>();
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddOptions<CircuitSecurityOptions>().Bind(builder.Configuration.GetSection(CircuitSecurityOptions.SectionName));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "junocal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddAuthorization(Policies.Add);

        services.AddIdentityCore<JunocalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 10;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // A new account acts nowhere until its email is confirmed by the emailed link.
                identity.SignIn.RequireConfirmedEmail = true;
                identity.Tokens.PasswordResetTokenProvider = AccountTokens.PasswordResetProvider;
            })
            .AddEntityFrameworkStores<JunocalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<JunocalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(AccountTokens.PasswordResetProvider);
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = AccountTokens.ConfirmEmailLifespan);

        // Cookies and antiforgery tokens must survive restarts and be shared by every instance.
        // These keys are not the token vault's: that key never lives in the database.
        services.AddDataProtection()
            .SetApplicationName("Junocal")
            .PersistKeysToDbContext<JunocalDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(keys => keys.XmlEncryptor = new VaultXmlEncryptor(sp.GetRequiredService<ITokenVault>())));
        return builder.AddTokenVault();
    }

    /// <summary>
    /// The <see cref="ITokenVault"/> with keys from <c>Security:TokenKeys</c> and <c>Security:ActiveTokenKey</c>.
    /// In Development without configured keys, one is generated once into <c>App_Data/secrets/token-keys.json</c>;
    /// anywhere else missing or unusable keys stop the start.
    /// </summary>
    public static IHostApplicationBuilder AddTokenVault(this IHostApplicationBuilder builder)
    {
        var configuredKeys = builder.Configuration.GetSection(TokenVaultOptions.TokenKeysKey).GetChildren().Any(key => !string.IsNullOrWhiteSpace(key.Value));
        if (builder.Environment.IsDevelopment() && !configuredKeys)
        {
            builder.Configuration.AddJsonFile(DevelopmentTokenKeyFile.EnsureExists(builder.Environment.ContentRootPath), optional: false, reloadOnChange: false);
        }

        var services = builder.Services;
        services.AddOptions<TokenVaultOptions>().Bind(builder.Configuration.GetSection(TokenVaultOptions.SectionName));
        services.AddSingleton<IValidateOptions<TokenVaultOptions>, TokenVaultOptionsValidator>();
        services.AddSingleton<ITokenVault, TokenVault>();
        services.AddHostedService<TokenKeysCheck>();
        return builder;
    }

    /// <summary>
    /// Checks the request's sign-in against the account's active membership and makes the user known to
    /// <see cref="CurrentUser"/>. A cookie made for another studio or role (a switch in another tab, a role change,
    /// a deactivation) is re-issued from the account as it is now, so the change takes effect on this request.
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var current = context.RequestServices.GetRequiredService<CurrentUser>();
            current.Set(context.User);
            if (current.IsAuthenticated)
            {
                var activeStudios = context.RequestServices.GetRequiredService<ActiveStudios>();
                if (!IsUpToDate(current, activeStudios))
                {
                    var signIn = context.RequestServices.GetRequiredService<SignInManager<JunocalUser>>();
                    var user = await signIn.UserManager.FindByIdAsync(current.UserId);
                    if (user is null)
                    {
                        await signIn.SignOutAsync();
                        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                    }
                    else
                    {
                        await signIn.RefreshSignInAsync(user);
                        context.User = await signIn.CreateUserPrincipalAsync(user);
                    }
                }

                current.Set(context.User, checkedForThisRequest: true);
            }

            await next(context);
        });

    private static bool IsUpToDate(CurrentUser current, ActiveStudios activeStudios) =>
        activeStudios.IsCurrent(current.UserId, current.StudioIdOrEmpty, current.Role);
}
