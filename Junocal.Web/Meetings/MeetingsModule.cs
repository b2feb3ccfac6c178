using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Web.Meetings;

public static class MeetingsModule
{
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        // Integrations register their own IMeetingProviders; without one, every provider reads "not connected".
        builder.Services.TryAddScoped<IMeetingProviders, UnconnectedMeetingProviders>();
        return builder;
    }
}
