namespace Junocal.Web.Features.Outbox;

public static class OutboxModule
{
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OutboxService>();
        return builder;
    }
}
