using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Sandbox;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// The help page's "What happens during a class's life", through the real host and the Zoom sandbox over HTTP.
/// The sync runs as the background job would run it (<see cref="MeetingSync"/> and <see cref="MeetingSweep"/>).
/// </summary>
public class ZoomMeetingLifecycle(JunocalApp app) : AppTest(app)
{
    // Next year's July: always in the future, and London is on BST (UTC+1).
    private static readonly DateTime July = TestCalendar.NextYearOn(7, 1);

    private MeetingTestKit Kit => new(App);

    private ZoomSandboxState Zoom => Kit.Zoom;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ZoomFlow.ConnectOwnerAsync(App);
    }

    public override async ValueTask DisposeAsync()
    {
        // Zoom's notifications arrive asynchronously; let them land before the next test resets the database.
        await Kit.WaitForWebhooksAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task SchedulingCreatesTheMeetingAsTheHelpPageDescribes()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Teaching: Reformer Flow", July.AddDays(4), new TimeSpan(7, 30, 0), 50);

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        var meeting = Assert.Single(Zoom.Meetings);
        Assert.Equal("Teaching: Reformer Flow", meeting.Topic);
        Assert.Equal("Europe/London", meeting.Timezone);
        Assert.Equal(TestCalendar.Utc(July.AddDays(4), 6, 30), meeting.StartTime);
        Assert.Equal(50, meeting.Duration);
        Assert.True(meeting.Settings.WaitingRoom);
        Assert.True(meeting.Settings.MuteUponEntry);
        Assert.True(meeting.Settings.JoinBeforeHost);
        Assert.Equal($"Created by Junocal for class {classId}", meeting.Agenda);
        Assert.Equal(meeting.JoinUrl, (await Kit.DetailAsync(classId)).JoinUrl);
        var row = await Kit.RowAsync(classId);
        Assert.Equal(meeting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row!.ExternalId);
        Assert.Equal(meeting.JoinUrl, row.JoinUrl);
        Assert.False(string.IsNullOrEmpty(meeting.Password));
        Assert.Equal(meeting.Password, row.Password); // stored for the life of the class
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var card = await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().GetCardAsync(CancellationToken.None);
        Assert.Equal($"Connected as {meeting.HostEmail}", card.Label);
    }

    [Fact]
    public async Task ReschedulingUpdatesTheSameMeetingAndKeepsTheJoinUrl()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Barre", July.AddDays(4), new TimeSpan(18, 0, 0), 45);
        await Kit.SyncAsync(classId);
        var before = Assert.Single(Zoom.Meetings);

        await Kit.UpdateAsync(classId, form => { form.Date = July.AddDays(5); form.StartTime = new TimeSpan(19, 15, 0); form.Name = "Barre Burn"; });
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        var after = Assert.Single(Zoom.Meetings);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.JoinUrl, after.JoinUrl);
        Assert.Equal("Barre Burn", after.Topic);
        Assert.Equal(TestCalendar.Utc(July.AddDays(5), 18, 15), after.StartTime);
        Assert.Equal(before.JoinUrl, (await Kit.DetailAsync(classId)).JoinUrl);
    }

    [Fact]
    public async Task CancellingDeletesTheMeetingAndTheLinkDisappears()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Mat", July.AddDays(6), new TimeSpan(12, 0, 0), 45);
        await Kit.SyncAsync(classId);
        await using (var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            Assert.True((await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None)).Succeeded);
        }

        await Kit.CancelAsync(classId);
        Assert.Null(await Kit.SyncAsync(classId));

        Assert.Empty(Zoom.Meetings);
        Assert.Null((await Kit.DetailAsync(classId)).JoinUrl);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var mine = await scope.ServiceProvider.GetRequiredService<ClientBookingService>().MyBookingsAsync(new BookingWindow(1_000, 1_000), CancellationToken.None);
        Assert.Null(Assert.Single(mine.Upcoming, b => b.ClassId == classId).Join?.Url);
    }

    [Fact]
    public async Task MovingAwayFromZoomDeletesTheMeetingAndBackCreatesANewOne()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Flow", July.AddDays(7), new TimeSpan(9, 0, 0), 60);
        await Kit.SyncAsync(classId);
        var first = Assert.Single(Zoom.Meetings);

        await Kit.UpdateAsync(classId, form => { form.LocationKind = LocationKind.InPerson; form.Room = "Studio A"; });
        await Kit.SyncAsync(classId);
        Assert.Empty(Zoom.Meetings);

        await Kit.UpdateAsync(classId, form => form.LocationKind = LocationKind.Zoom);
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        Assert.NotEqual(first.Id, Assert.Single(Zoom.Meetings).Id);
    }

    [Fact]
    public async Task AMeetingDeletedInZoomClearsTheLinkAndARescheduleRegeneratesIt()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Yoga", July.AddDays(8), new TimeSpan(10, 0, 0), 60);
        await Kit.SyncAsync(classId);
        var meeting = Assert.Single(Zoom.Meetings);

        Assert.True(Zoom.DeleteMeetingInZoom(meeting.Id));
        await Kit.WaitForWebhooksAsync();

        var removed = await Kit.DetailAsync(classId);
        Assert.Null(removed.JoinUrl);
        Assert.StartsWith("Zoom link removed — the meeting was deleted in Zoom", removed.Class.LinkState, StringComparison.Ordinal);
        // The help page: "when you cancel a class or delete the meeting, the corresponding row is removed".
        Assert.Null(await Kit.RowAsync(classId));

        await Kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(11, 0, 0));
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        var regenerated = Assert.Single(Zoom.Meetings);
        Assert.NotEqual(meeting.Id, regenerated.Id);
        Assert.Equal(regenerated.JoinUrl, (await Kit.DetailAsync(classId)).JoinUrl);
    }

    [Fact]
    public async Task AMeetingDeletedEventFromAnotherZoomAccountLeavesTheLinkAlone()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Barre", July.AddDays(19), new TimeSpan(10, 0, 0), 60);
        await Kit.SyncAsync(classId);
        var meeting = Assert.Single(Zoom.Meetings);
        using var http = App.CreateBrowserlikeClient();
        var forged = System.Text.Json.JsonSerializer.Serialize(new
        {
            @event = "meeting.deleted",
            event_ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            payload = new { account_id = Junocal.Sandbox.Users.TestUsers.OtherAccountId, @object = new { id = meeting.Id } },
        });

        using var response = await http.SendAsync(Junocal.Tests.Integrations.Zoom.Webhooks.ZoomWebhookRequests.SignedRequest(forged));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(meeting.JoinUrl, (await Kit.DetailAsync(classId)).JoinUrl);
        Assert.Equal(MeetingSyncState.Linked, (await Kit.RowAsync(classId))!.State);
    }

    [Fact]
    public async Task AServerErrorIsRetriedUntilTheMeetingExistsWithNoDuplicate()
    {
        Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.ServerError, times: 2);
        var classId = await Kit.ScheduleZoomClassAsync("Retry Flow", July.AddDays(9), new TimeSpan(8, 0, 0), 45);

        Assert.Equal(MeetingSyncState.Retrying, await Kit.SyncAsync(classId));
        Assert.StartsWith("Retrying (attempt 1", (await Kit.DetailAsync(classId)).Class.LinkState, StringComparison.Ordinal);
        await Kit.MakeAllDueAsync();
        Assert.Equal(MeetingSyncState.Retrying, await Kit.SyncAsync(classId));
        await Kit.MakeAllDueAsync();
        await Kit.SweepAsync();

        Assert.Equal(MeetingSyncState.Linked, (await Kit.RowAsync(classId))?.State);
        Assert.Single(Zoom.Meetings);
    }

    [Fact]
    public async Task TheDailyLimitDefersToMidnightUtcAndSaysSo()
    {
        Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.DailyLimitReached);
        var classId = await Kit.ScheduleZoomClassAsync("Busy Day", July.AddDays(10), new TimeSpan(8, 0, 0), 45);

        Assert.Equal(MeetingSyncState.DailyLimit, await Kit.SyncAsync(classId));

        var midnight = new StudioTimeZone("Europe/London").ToLocal(MeetingSync.NextUtcMidnight(DateTimeOffset.UtcNow)); // the studio's clock
        Assert.Equal($"Zoom daily limit reached — link expected {StudioTime.ShortDay(midnight)}, {StudioTime.Time(midnight)} (soonest classes first)", (await Kit.DetailAsync(classId)).Class.LinkState);
        Assert.Empty(Zoom.Meetings);
    }

    [Fact]
    public async Task ARevokedGrantWaitsForReconnectAndThenResumes()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Parked", July.AddDays(11), new TimeSpan(8, 0, 0), 45);
        await Kit.ExpireAccessTokenAsync();
        Zoom.Faults.Script(SandboxEndpoint.Token, FaultKind.InvalidGrant);

        Assert.Equal(MeetingSyncState.WaitingReconnect, await Kit.SyncAsync(classId));
        Assert.Equal("Waiting for Zoom reconnect", (await Kit.DetailAsync(classId)).Class.LinkState);

        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("reconnected", await ZoomFlow.ConnectAsync(owner));
        await Kit.SweepAsync();

        Assert.Equal(MeetingSyncState.Linked, (await Kit.RowAsync(classId))?.State);
        Assert.Single(Zoom.Meetings);
    }

    [Fact]
    public async Task DisconnectingRemovesTheLinksAndSaysALinkIsNeeded()
    {
        var classId = await Kit.ScheduleZoomClassAsync("After Hours", July.AddDays(12), new TimeSpan(20, 0, 0), 45);
        await Kit.SyncAsync(classId);

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().DisconnectAsync(CancellationToken.None);
        }

        var detail = await Kit.DetailAsync(classId);
        Assert.Null(detail.JoinUrl);
        Assert.Equal("Link needed — Zoom was disconnected", detail.Class.LinkState);
        Assert.Single(Zoom.Meetings); // Junocal does not reach back to delete meetings on the owner's account
        await AssertMeetingDataGoneAsync(classId);
    }

    [Fact]
    public async Task UninstallingInZoomErasesTheMeetingDataAndSaysALinkIsNeeded()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Uninstalled Flow", July.AddDays(14), new TimeSpan(20, 0, 0), 45);
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        Assert.NotNull((await Kit.RowAsync(classId))!.Password);

        Assert.True(Zoom.UninstallApp(TestUsers.Owner.Id));
        await Kit.WaitForWebhooksAsync();

        var detail = await Kit.DetailAsync(classId);
        Assert.Null(detail.JoinUrl);
        Assert.Equal("Link needed — Zoom was disconnected", detail.Class.LinkState);
        Assert.Single(Zoom.Meetings); // it stays on the owner's Zoom account
        await AssertMeetingDataGoneAsync(classId);
    }

    [Fact]
    public async Task TheMeetingRunsInTheStudiosZoneWhenTheZoomUserLivesInAnother()
    {
        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().DisconnectAsync(CancellationToken.None);
        }

        await ZoomFlow.ConnectOwnerAsync(App, user: TestUsers.Instructor); // Zoom user in Europe/Berlin
        var classId = await Kit.ScheduleZoomClassAsync("Berlin Account Flow", July.AddDays(15), new TimeSpan(7, 30, 0), 50);

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        var meeting = Assert.Single(Zoom.Meetings);
        Assert.Equal(TestUsers.Instructor.Email, meeting.HostEmail);
        Assert.Equal("Europe/London", meeting.Timezone);
        Assert.Equal(TestCalendar.Utc(July.AddDays(15), 6, 30), meeting.StartTime); // 07:30 BST, not 07:30 in Berlin
    }

    [Fact]
    public async Task TheJoinLinkAppearsOnMyBookingsOnceTheMeetingExists()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Booked Flow", July.AddDays(16), new TimeSpan(9, 0, 0), 45);
        await Kit.BookAsClientAsync(classId);
        Assert.Null((await MyBookingAsync(classId)).Join?.Url);

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        Assert.Equal(Assert.Single(Zoom.Meetings).JoinUrl, (await MyBookingAsync(classId)).Join?.Url);
    }

    [Fact]
    public async Task ConnectingLeavesExistingClassesWithTheLinkTheyHad()
    {
        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().DisconnectAsync(CancellationToken.None);
        }

        const string CustomUrl = "https://meet.example.com/custom-flow";
        var custom = await TestClasses.AddAsync(App, "Custom Flow", TestCalendar.Utc(July.AddDays(17), 9), 10, Location.CustomLink(CustomUrl));
        var inPerson = await TestClasses.AddAsync(App, "Studio Flow", TestCalendar.Utc(July.AddDays(17), 11), 10, Location.InPerson("Studio A"));

        await ZoomFlow.ConnectOwnerAsync(App);
        await Kit.SweepAsync();

        Assert.Empty(Zoom.Meetings);
        Assert.Equal(CustomUrl, (await Kit.DetailAsync(custom)).JoinUrl);
        Assert.Null((await Kit.DetailAsync(inPerson)).JoinUrl);
        Assert.Null(await Kit.RowAsync(custom));
        Assert.Null(await Kit.RowAsync(inPerson));
    }

    private async Task<MyBooking> MyBookingAsync(Guid classId)
    {
        await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var mine = await client.ServiceProvider.GetRequiredService<ClientBookingService>().MyBookingsAsync(new BookingWindow(1_000, 1_000), CancellationToken.None);
        return Assert.Single(mine.Upcoming, b => b.ClassId == classId);
    }

    /// <summary>The class keeps one meeting row, which says a link is needed and holds no meeting id, link or password.</summary>
    private async Task AssertMeetingDataGoneAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var row = Assert.Single(await db.ClassMeetings.AsNoTracking().ToListAsync());
        Assert.Equal(classId, row.ClassSessionId);
        Assert.Equal(MeetingSyncState.LinkNeeded, row.State);
        Assert.Null(row.ExternalId);
        Assert.Null(row.JoinUrl);
        Assert.Null(row.Password);
    }

    [Fact]
    public async Task DisconnectingCanKeepTheCurrentLinksAsCustomLinks()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Keep Me", July.AddDays(13), new TimeSpan(20, 0, 0), 45);
        await Kit.SyncAsync(classId);
        var joinUrl = Assert.Single(Zoom.Meetings).JoinUrl;

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>()
                .DisconnectAsync(CancellationToken.None, keepLinksAsCustom: true);
        }

        var detail = await Kit.DetailAsync(classId);
        Assert.Equal(LocationKind.CustomLink, detail.Class.LocationKind);
        Assert.Equal(joinUrl, detail.JoinUrl);
    }
}
