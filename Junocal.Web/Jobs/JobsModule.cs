using System.Collections.Specialized;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Quartz;

namespace Junocal.Web.Jobs;

public static class JobsModule
{
    /// <summary>
    /// Quartz on its persistent ADO store in the app's own database, so scheduled work survives restarts:
    /// SQLite provisions its QRTZ_ tables itself; SQL Server gets them from a migration and runs clustered,
    /// so several instances share the work.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(JobsOptions.SectionName);
        builder.Services.Configure<JobsOptions>(section);
        var options = section.Get<JobsOptions>() ?? new();
        if (!options.Enabled)
        {
            return builder;
        }

        var google = builder.Configuration.GetSection(Integrations.GoogleMeet.GoogleOptions.SectionName).Get<Integrations.GoogleMeet.GoogleOptions>() ?? new();
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString(DataModule.ConnectionStringName);
        // Clustered instances need distinct ids; AUTO makes one from the host name and the start time.
        builder.Services.AddQuartz(new NameValueCollection { ["quartz.scheduler.instanceId"] = "AUTO" }, quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (database.Provider == DatabaseProvider.SqlServer)
                {
                    store.UseSqlServer(connectionString!);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(SqliteConnectionStrings.Resolve(
                        connectionString ?? DataModule.DefaultSqliteConnectionString, builder.Environment.ContentRootPath));
                    store.ProvisionSchema();
                }
            });

            quartz.ScheduleJob<EmailDispatchJob>(
                trigger => trigger.WithIdentity("email-dispatch-every", "notifications").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.EmailDispatchInterval).RepeatForever()),
                job => job.WithIdentity(EmailDispatchJob.Key));
            quartz.ScheduleJob<ReminderPlanningJob>(
                trigger => trigger.WithIdentity("reminder-planning-every", "notifications").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.ReminderPlanningInterval).RepeatForever()),
                job => job.WithIdentity(ReminderPlanningJob.Key));
            quartz.ScheduleJob<MeetingSweepJob>(
                trigger => trigger.WithIdentity("meeting-sweep-every", "meetings").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.MeetingSweepInterval).RepeatForever()),
                job => job.WithIdentity(MeetingSweepJob.Key));
            quartz.ScheduleJob<MeetingQuotaAlertJob>(
                trigger => trigger.WithIdentity("meeting-quota-alerts-every", "meetings").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.ReminderPlanningInterval).RepeatForever()),
                job => job.WithIdentity(MeetingQuotaAlertJob.Key));
            quartz.ScheduleJob<ExpiredCredentialsCleanupJob>(
                trigger => trigger.WithIdentity("expired-credentials-cleanup-every", "integrations").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(5)).RepeatForever()),
                job => job.WithIdentity(ExpiredCredentialsCleanupJob.Key));
            quartz.ScheduleJob<ZoomConnectionCheckJob>(
                trigger => trigger.WithIdentity("zoom-connection-check-every", "integrations").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
                job => job.WithIdentity(ZoomConnectionCheckJob.Key));
            quartz.ScheduleJob<GoogleCalendarsJob>(
                trigger => trigger.WithIdentity("google-calendars-every", "integrations").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(google.ReconciliationInterval).RepeatForever()),
                job => job.WithIdentity(GoogleCalendarsJob.Key));
        });

        // Meeting work runs in this process at once, soonest class first; the sweep job catches what a crash left due.
        builder.Services.AddSingleton<IMeetingSyncTrigger>(services => services.GetRequiredService<MeetingWork>());
        // Registered after the database initializer, so migrations (and SQL Server's QRTZ_ tables) exist first.
        builder.Services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return builder;
    }
}
