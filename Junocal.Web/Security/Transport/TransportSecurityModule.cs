using System.Net;
using Junocal.Web.Integrations.GoogleMeet;
using Junocal.Web.Integrations.Zoom;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Security.Transport;

/// <summary>
/// Safe transport behind a TLS-terminating proxy: the proxy's forwarded scheme and client address are believed
/// only from the proxies and networks in <c>ForwardedHeaders</c>; outside Development every request is redirected
/// to HTTPS, answered with HSTS, and the sign-in and antiforgery cookies are <c>Secure</c>. Every response carries
/// <see cref="SecurityHeaders"/>.
/// </summary>
public static class TransportSecurityModule
{
    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var forwarded = builder.Configuration.GetSection(TransportOptions.ForwardedHeadersSection);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = forwarded.GetValue<int?>("ForwardLimit") ?? 1;
            var proxies = forwarded.GetSection("KnownProxies").Get<string[]>() ?? [];
            var networks = forwarded.GetSection("KnownNetworks").Get<string[]>() ?? [];
            if (proxies.Length + networks.Length > 0)
            {
                // Named proxies replace the default (loopback only), so a proxy on this machine must be listed too.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in networks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });

        services.AddSingleton(sp => SecurityHeaders.For([
            sp.GetRequiredService<IOptions<ZoomOptions>>().Value.AuthorizeUrl,
            sp.GetRequiredService<IOptions<GoogleOptions>>().Value.AuthorizeUrl]));
        if (TransportOptions.HttpsRequired(builder.Configuration, builder.Environment))
        {
            services.PostConfigureAll<CookieAuthenticationOptions>(cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.AddHsts(hsts =>
            {
                hsts.MaxAge = TimeSpan.FromDays(365);
                hsts.IncludeSubDomains = false;
            });
            services.AddHttpsRedirection(https => https.HttpsPort = builder.Configuration.GetValue<int?>("Https:Port") ?? 443);
        }

        return builder;
    }

    /// <summary>First in the pipeline: later middleware must see the client's real scheme and address.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                headers.Apply(context.Response);
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (TransportOptions.HttpsRequired(app.Configuration, app.Environment))
        {
            // Health probes come from inside the deployment, over plain HTTP, and must not be redirected.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https =>
            {
                https.UseHsts();
                https.UseHttpsRedirection();
            });
        }

        return app;
    }
}
