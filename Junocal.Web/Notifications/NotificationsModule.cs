namespace Junocal.Web.Notifications;

public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection(NotificationOptions.SectionName));
        builder.Services.AddSingleton<EmailDispatcher>();
        builder.Services.AddSingleton<ReminderPlanner>();
        return builder;
    }
}
