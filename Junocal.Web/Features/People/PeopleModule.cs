using Junocal.Web.Features.Account;

namespace Junocal.Web.Features.People;

public static class PeopleModule
{
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleService>();
        builder.Services.AddScoped<InvitationAcceptance>();
        builder.Services.AddSingleton<InvitationLinks>();
        builder.Services.AddScoped<IAccountEmailRenderer, InvitationEmailRenderer>();
        return builder;
    }
}
