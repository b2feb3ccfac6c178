namespace Junocal.Web.Features.Clients;

public static class ClientsModule
{
    public static IHostApplicationBuilder AddClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClientDirectory>();
        return builder;
    }
}
