using Junocal.Domain.Meetings;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Junocal.Tests.Meetings;

/// <summary>What clients of a Zoom class read in their emails as its meeting comes, stays and goes.</summary>
public class ZoomClassEmails(JunocalApp app) : AppTest(app)
{
    private const string LinkWillFollow = "Zoom — your join link will follow by email before class";
    private const string ZoomLinks = "https://zoom.sandbox.test/";

    private MeetingTestKit Kit => new(App);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Kit.ConnectZoomAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await Kit.WaitForWebhooksAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task AConfirmationSentBeforeTheLinkSaysItWillFollowAndTheReminderCarriesIt()
    {
        var classId = await SoonZoomClassAsync("Early Bird Flow");
        await BookLongAgoAsync(classId);

        await DispatchAsync();
        var confirmation = Assert.Single(await App.SentMailAsync(), Ours);
        Assert.StartsWith("Booked: Early Bird Flow", confirmation.Subject, StringComparison.Ordinal);
        Assert.Contains(LinkWillFollow, confirmation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ZoomLinks, confirmation.TextBody, StringComparison.Ordinal);
        App.ClearMail();

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        await App.Services.GetRequiredService<ReminderPlanner>().OweDueRemindersAsync(CancellationToken.None);
        await DispatchAsync();

        var reminder = Assert.Single(await App.SentMailAsync(), Ours);
        Assert.StartsWith("Reminder: Early Bird Flow", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(Kit.Zoom.Meetings).JoinUrl, reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARescheduleEmailCarriesTheUnchangedLink()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Moving Flow", DateTime.UtcNow.Date.AddDays(10), new TimeSpan(9, 0, 0));
        await Kit.SyncAsync(classId);
        var joinUrl = Assert.Single(Kit.Zoom.Meetings).JoinUrl;
        await Kit.BookAsClientAsync(classId);
        await DispatchAsync();
        App.ClearMail();

        await Kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(17, 30, 0));
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        await DispatchAsync();

        var message = Assert.Single(await App.SentMailAsync(), Ours);
        Assert.StartsWith("Rescheduled: Moving Flow", message.Subject, StringComparison.Ordinal);
        Assert.Contains("17:30", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(joinUrl, message.TextBody, StringComparison.Ordinal);
        Assert.Equal(joinUrl, Assert.Single(Kit.Zoom.Meetings).JoinUrl);
    }

    [Fact]
    public async Task NobodyReceivesALinkRemovedInZoom()
    {
        var classId = await SoonZoomClassAsync("Vanishing Flow");
        await Kit.SyncAsync(classId);
        var meeting = Assert.Single(Kit.Zoom.Meetings);
        await BookLongAgoAsync(classId);
        await DispatchAsync();
        Assert.Contains(meeting.JoinUrl, Assert.Single(await App.SentMailAsync(), Ours).TextBody, StringComparison.Ordinal);
        App.ClearMail();

        Assert.True(Kit.Zoom.DeleteMeetingInZoom(meeting.Id));
        await Kit.WaitForWebhooksAsync();
        await App.Services.GetRequiredService<ReminderPlanner>().OweDueRemindersAsync(CancellationToken.None);
        await DispatchAsync();

        var reminder = Assert.Single(await App.SentMailAsync(), Ours);
        Assert.StartsWith("Reminder: Vanishing Flow", reminder.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(meeting.JoinUrl, reminder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ZoomLinks, reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(LinkWillFollow, reminder.TextBody, StringComparison.Ordinal);
    }

    // The demo classes get reminders of their own.
    private static readonly string[] OurClasses = ["Early Bird Flow", "Moving Flow", "Vanishing Flow"];

    private static bool Ours(MimeMessage message) =>
        OurClasses.Any(name => message.Subject!.Contains(name, StringComparison.Ordinal));

    /// <summary>A Zoom class starting in about 40 minutes, inside the one-hour reminder's window.</summary>
    private Task<Guid> SoonZoomClassAsync(string name)
    {
        var london = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(40), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        return Kit.ScheduleZoomClassAsync(name, london.Date, new TimeSpan(london.Hour, london.Minute, 0));
    }

    /// <summary>Books as the demo client, as if two days ago, so the reminders before class are owed.</summary>
    private async Task BookLongAgoAsync(Guid classId)
    {
        await Kit.BookAsClientAsync(classId);
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        await db.Bookings.Where(b => b.ClassSessionId == classId)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.BookedAt, DateTimeOffset.UtcNow.AddDays(-2)));
    }

    private Task<int> DispatchAsync() => App.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(CancellationToken.None);
}
