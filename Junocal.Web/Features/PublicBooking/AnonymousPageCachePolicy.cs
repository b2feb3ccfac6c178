using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Junocal.Web.Features.PublicBooking;

/// <summary>
/// Caches a page for visitors who are not signed in, for <see cref="PublicBookingModule.CacheSeconds"/>, and lets
/// browsers and proxies keep it as long. Blazor issues an antiforgery cookie (and no-cache headers) with every page it
/// renders; a page cached by this policy holds no form for such visitors, so that cookie is dropped and the page is the
/// same for everyone. Signed-in requests pass through untouched: their page is theirs.
/// </summary>
internal sealed class AnonymousPageCachePolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var anonymous = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = anonymous;
        context.AllowCacheStorage = anonymous;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(PublicBookingModule.CacheSeconds);
        context.Tags.Add(PublicBookingModule.CacheTag);
        if (anonymous)
        {
            var response = context.HttpContext.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode == StatusCodes.Status200OK)
                {
                    response.Headers.Remove(HeaderNames.SetCookie);
                    response.Headers.Remove(HeaderNames.Pragma);
                    response.Headers.CacheControl = $"public, max-age={PublicBookingModule.CacheSeconds}";
                }

                return Task.CompletedTask;
            });
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
