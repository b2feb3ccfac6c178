namespace Junocal.Web.Features.Bookings;

public static class BookingsModule
{
    public static IHostApplicationBuilder AddBookings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClientBookingService>();
        return builder;
    }
}
