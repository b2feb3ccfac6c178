using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Web.Meetings;

public static class MeetingsModule
{
    /// <summary>
    /// The provider-neutral meeting sync. Each provider's module adds its <see cref="IMeetingProvider"/> beside the
    /// others; the background jobs add the sync trigger (without them, the sweep runs the work). Open pages follow link
    /// changes through <see cref="MeetingChanges"/>, across instances through <see cref="MeetingStamps"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MeetingWorkOptions>(builder.Configuration.GetSection(MeetingWorkOptions.SectionName));
        builder.Services.AddSingleton<MeetingProviders>();
        builder.Services.TryAddSingleton<IMeetingSyncTrigger, SweepOnlyTrigger>();
        builder.Services.AddSingleton<MeetingChanges>();
        builder.Services.AddHostedService<MeetingStamps>();
        builder.Services.AddSingleton<MeetingQuotaPlan>();
        builder.Services.AddSingleton<MeetingSync>();
        builder.Services.AddSingleton<MeetingWork>();
        builder.Services.AddSingleton<MeetingSweep>();
        builder.Services.AddSingleton<MeetingSyncRequests>();
        return builder;
    }
}
