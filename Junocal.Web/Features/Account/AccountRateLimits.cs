using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace Junocal.Web.Features.Account;

public sealed class AccountRateLimitOptions
{
    public const string SectionName = "RateLimiting:AccountForms";

    /// <summary>Posts of one form allowed from one client address per window.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Sign-in, sign-up, forgot-password and resend are limited per client address and form, so nobody can flood
/// inboxes or keep an owner locked out by guessing. Over the limit the form answers 429 with a page saying when
/// to try again. Behind a proxy the address is the forwarded one (forwarded headers run first).
/// </summary>
public static class AccountRateLimits
{
    public static readonly string[] LimitedForms =
        ["/Account/Login", "/Account/SignUp", "/Account/ForgotPassword", "/Account/ResendConfirmation"];

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountRateLimitOptions.SectionName).Get<AccountRateLimitOptions>() ?? new();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                LimitedForm(context.Request) is { } form
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        $"{form}|{context.Connection.RemoteIpAddress}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                return new ValueTask(response.WriteAsync(Page(minutes), cancellationToken));
            };
        });
        return services;
    }

    private static string? LimitedForm(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
            ? LimitedForms.FirstOrDefault(form => string.Equals(request.Path.Value?.TrimEnd('/'), form, StringComparison.OrdinalIgnoreCase))
            : null;

    private static string Page(int minutes)
    {
        var wait = minutes == 1 ? "1 minute" : $"{minutes} minutes";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many attempts · Junocal</title>
            <style>
            body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #f7f6fb; color: #1f2328; }
            main { max-width: 26rem; margin: 10vh auto; background: #fff; border-radius: 8px; padding: 2rem; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
            .brand { color: #4b3f8f; font-weight: 600; font-size: 1.25rem; margin: 0 0 1rem; }
            a { color: #3949ab; }
            </style>
            </head>
            <body>
            <main>
            <p class="brand">Junocal</p>
            <h1>Too many attempts</h1>
            <p data-testid="rate-limited">This form was sent too often from your network. Try again in {{WebUtility.HtmlEncode(wait)}}.</p>
            <p><a href="/Account/Login">Back to sign in</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
