using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Junocal.Tests.Notifications;

/// <summary>The emails clients get when they book and when the owner changes or cancels a class.</summary>
public class ClassEmailDelivery(JunocalApp app) : AppTest(app)
{
    private const string Link = "https://meet.example.com/late-flow";

    [Fact]
    public async Task ABookingGetsOneConfirmationWithTheJoinLinkAndACalendarInvite()
    {
        var classId = await NewClassAsync(DateTimeOffset.UtcNow.AddDays(3));
        await BookAsClientAsync(classId);

        var sent = await DispatchAsync();
        var again = await DispatchAsync();

        Assert.Equal(1, sent);
        Assert.Equal(0, again);
        var message = Assert.Single(await App.SentMailAsync());
        Assert.StartsWith("Booked: Late Flow", message.Subject, StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.ClientEmail, message.To.Mailboxes.Single().Address);
        Assert.Contains(Link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(message.Attachments, a => a.ContentType.MimeType == "text/calendar");
    }

    [Fact]
    public async Task RendersAtSendTimeSoALinkRemovedBeforeSendingIsNeverSent()
    {
        var classId = await NewClassAsync(DateTimeOffset.UtcNow.AddDays(3));
        await BookAsClientAsync(classId);
        await UpdateAsOwnerAsync(classId, form => { form.LocationKind = LocationKind.InPerson; form.Room = "Studio A"; });

        await DispatchAsync();

        var mail = await App.SentMailAsync();
        Assert.Equal(2, mail.Count); // the confirmation and the change notice
        Assert.All(mail, m => Assert.DoesNotContain(Link, m.TextBody, StringComparison.Ordinal));
        Assert.All(mail, m => Assert.Contains("Studio A", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReschedulingTellsEveryBookedClientOnce()
    {
        var classId = await NewClassAsync(DateTimeOffset.UtcNow.AddDays(3));
        await BookAsClientAsync(classId);
        await DispatchAsync();
        App.ClearMail();

        await UpdateAsOwnerAsync(classId, form => form.StartTime = new TimeSpan(6, 15, 0));
        await DispatchAsync();
        await DispatchAsync();

        var message = Assert.Single(await App.SentMailAsync());
        Assert.StartsWith("Rescheduled: Late Flow", message.Subject, StringComparison.Ordinal);
        Assert.Contains("06:15", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingSendsACancellationWithoutTheDeadLink()
    {
        var classId = await NewClassAsync(DateTimeOffset.UtcNow.AddDays(3));
        await BookAsClientAsync(classId);
        await DispatchAsync();
        App.ClearMail();

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var version = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value.Version;
            await owner.ServiceProvider.GetRequiredService<ClassScheduler>().CancelAsync(classId, version, "Studio closed", CancellationToken.None);
        }

        await DispatchAsync();

        var message = Assert.Single(await App.SentMailAsync());
        Assert.StartsWith("Cancelled: Late Flow", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Studio closed", message.TextBody, StringComparison.Ordinal);
        var calendar = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var ics = new MemoryStream();
        await calendar.Content!.DecodeToAsync(ics);
        Assert.Contains("METHOD:CANCEL", System.Text.Encoding.UTF8.GetString(ics.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwesOnlyTheNearerReminderToAClassBookedLate()
    {
        var classId = await NewClassAsync(DateTimeOffset.UtcNow.AddMinutes(30), bookedDaysEarlier: 2);
        var planner = App.Services.GetRequiredService<ReminderPlanner>();

        await planner.OweDueRemindersAsync(CancellationToken.None);
        await planner.OweDueRemindersAsync(CancellationToken.None);

        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var reminder = await db.OutboxEmails.SingleAsync(e => e.ClassSessionId == classId);
            Assert.Equal(EmailKind.Reminder, reminder.Kind);
            Assert.Equal(60, reminder.ReminderMinutes);
        }

        await DispatchAsync();
        var mine = Assert.Single(await App.SentMailAsync(), m => m.Subject!.Contains("Late Flow", StringComparison.Ordinal));
        Assert.StartsWith("Reminder: Late Flow", mine.Subject, StringComparison.Ordinal);
    }

    private Task<Guid> NewClassAsync(DateTimeOffset startsAt, int? bookedDaysEarlier = null) =>
        TestClasses.AddAsync(App, "Late Flow", startsAt, 10, Location.CustomLink(Link), bookedDaysEarlier);

    private async Task BookAsClientAsync(Guid classId)
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var result = await scope.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
    }

    private async Task UpdateAsOwnerAsync(Guid classId, Action<ClassForm> change)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var (form, version) = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value;
        change(form);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().UpdateAsync(classId, version, form, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    private Task<int> DispatchAsync() => App.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(CancellationToken.None);
}
