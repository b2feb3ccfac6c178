namespace Junocal.Web.Features.PublicBooking;

public static class PublicBookingModule
{
    public const string CachePolicy = "public-booking-page";

    /// <summary>The output-cache tag of every public booking page, to drop them all at once.</summary>
    public const string CacheTag = "public-booking";

    /// <summary>How long a studio's public page may be served from a cache: a new class shows within this time.</summary>
    public const int CacheSeconds = 30;

    public static IHostApplicationBuilder AddPublicBooking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicSchedule>();
        builder.Services.AddScoped<PublicBookingService>();
        builder.Services.AddOutputCache(cache => cache.AddPolicy(CachePolicy, new AnonymousPageCachePolicy()));
        return builder;
    }
}
