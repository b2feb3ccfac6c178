namespace Junocal.Web.Features.Scheduling;

public static class SchedulingModule
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ScheduleService>();
        builder.Services.AddScoped<ClassScheduler>();
        builder.Services.AddSingleton<MeetingQuotaAlerts>();
        builder.Services.AddScoped<Account.IAccountEmailRenderer, MeetingQuotaAlertRenderer>();
        return builder;
    }
}
