using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Web.Meetings;

public static class MeetingsModule
{
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        // Integrations register their own IMeetingProviders; without one, every provider reads "not connected".
        builder.Services.TryAddScoped<IMeetingProviders, UnconnectedMeetingProviders>();
        builder.Services.AddSingleton<MeetingSync>();
        builder.Services.AddSingleton<MeetingSweep>();
        builder.Services.AddSingleton<MeetingSyncRequests>();
        return builder;
    }
}
