using Junocal.Domain.Scheduling;
using Junocal.Sandbox;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
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
    private ZoomSandboxState Zoom => App.Services.GetRequiredService<ZoomSandboxState>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Zoom.Reset();
        await ZoomFlow.ConnectOwnerAsync(App);
    }

    public override async ValueTask DisposeAsync()
    {
        // Zoom's notifications arrive asynchronously; let them land before the next test resets the database.
        await WaitForWebhooksAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task SchedulingCreatesTheMeetingAsTheHelpPageDescribes()
    {
        var classId = await ScheduleZoomClassAsync("Teaching: Reformer Flow", new DateTime(2027, 7, 5), new TimeSpan(7, 30, 0), 50);

        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));

        var meeting = Assert.Single(Zoom.Meetings);
        Assert.Equal("Teaching: Reformer Flow", meeting.Topic);
        Assert.Equal("Europe/London", meeting.Timezone);
        Assert.Equal(new DateTimeOffset(2027, 7, 5, 6, 30, 0, TimeSpan.Zero), meeting.StartTime);
        Assert.Equal(50, meeting.Duration);
        Assert.True(meeting.Settings.WaitingRoom);
        Assert.True(meeting.Settings.MuteUponEntry);
        Assert.True(meeting.Settings.JoinBeforeHost);
        Assert.Equal($"Created by Junocal for class {classId}", meeting.Agenda);
        Assert.Equal(meeting.JoinUrl, (await DetailAsync(classId)).JoinUrl);
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var card = await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().GetCardAsync(CancellationToken.None);
        Assert.Equal($"Connected as {meeting.HostEmail}", card.Label);
    }

    [Fact]
    public async Task ReschedulingUpdatesTheSameMeetingAndKeepsTheJoinUrl()
    {
        var classId = await ScheduleZoomClassAsync("Barre", new DateTime(2027, 7, 5), new TimeSpan(18, 0, 0), 45);
        await SyncAsync(classId);
        var before = Assert.Single(Zoom.Meetings);

        await UpdateAsync(classId, form => { form.Date = new DateTime(2027, 7, 6); form.StartTime = new TimeSpan(19, 15, 0); form.Name = "Barre Burn"; });
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));

        var after = Assert.Single(Zoom.Meetings);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.JoinUrl, after.JoinUrl);
        Assert.Equal("Barre Burn", after.Topic);
        Assert.Equal(new DateTimeOffset(2027, 7, 6, 18, 15, 0, TimeSpan.Zero), after.StartTime);
        Assert.Equal(before.JoinUrl, (await DetailAsync(classId)).JoinUrl);
    }

    [Fact]
    public async Task CancellingDeletesTheMeetingAndTheLinkDisappears()
    {
        var classId = await ScheduleZoomClassAsync("Mat", new DateTime(2027, 7, 7), new TimeSpan(12, 0, 0), 45);
        await SyncAsync(classId);
        await using (var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            Assert.True((await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None)).Succeeded);
        }

        await CancelAsync(classId);
        Assert.Null(await SyncAsync(classId));

        Assert.Empty(Zoom.Meetings);
        Assert.Null((await DetailAsync(classId)).JoinUrl);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var mine = await scope.ServiceProvider.GetRequiredService<ClientBookingService>().MyBookingsAsync(CancellationToken.None);
        Assert.Null(Assert.Single(mine.Upcoming, b => b.ClassId == classId).Join?.Url);
    }

    [Fact]
    public async Task MovingAwayFromZoomDeletesTheMeetingAndBackCreatesANewOne()
    {
        var classId = await ScheduleZoomClassAsync("Flow", new DateTime(2027, 7, 8), new TimeSpan(9, 0, 0), 60);
        await SyncAsync(classId);
        var first = Assert.Single(Zoom.Meetings);

        await UpdateAsync(classId, form => { form.LocationKind = LocationKind.InPerson; form.Room = "Studio A"; });
        await SyncAsync(classId);
        Assert.Empty(Zoom.Meetings);

        await UpdateAsync(classId, form => form.LocationKind = LocationKind.Zoom);
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));
        Assert.NotEqual(first.Id, Assert.Single(Zoom.Meetings).Id);
    }

    [Fact]
    public async Task AMeetingDeletedInZoomClearsTheLinkAndARescheduleRegeneratesIt()
    {
        var classId = await ScheduleZoomClassAsync("Yoga", new DateTime(2027, 7, 9), new TimeSpan(10, 0, 0), 60);
        await SyncAsync(classId);
        var meeting = Assert.Single(Zoom.Meetings);

        Assert.True(Zoom.DeleteMeetingInZoom(meeting.Id));
        await WaitForWebhooksAsync();

        var removed = await DetailAsync(classId);
        Assert.Null(removed.JoinUrl);
        Assert.StartsWith("Zoom link removed — the meeting was deleted in Zoom", removed.Class.LinkState, StringComparison.Ordinal);

        await UpdateAsync(classId, form => form.StartTime = new TimeSpan(11, 0, 0));
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));
        var regenerated = Assert.Single(Zoom.Meetings);
        Assert.NotEqual(meeting.Id, regenerated.Id);
        Assert.Equal(regenerated.JoinUrl, (await DetailAsync(classId)).JoinUrl);
    }

    [Fact]
    public async Task AMeetingDeletedEventFromAnotherZoomAccountLeavesTheLinkAlone()
    {
        var classId = await ScheduleZoomClassAsync("Barre", DateTime.UtcNow.Date.AddDays(20), new TimeSpan(10, 0, 0), 60);
        await SyncAsync(classId);
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
        Assert.Equal(meeting.JoinUrl, (await DetailAsync(classId)).JoinUrl);
        Assert.Equal(MeetingSyncState.Linked, await StateAsync(classId));
    }

    [Fact]
    public async Task AServerErrorIsRetriedUntilTheMeetingExistsWithNoDuplicate()
    {
        Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.ServerError, times: 2);
        var classId = await ScheduleZoomClassAsync("Retry Flow", new DateTime(2027, 7, 10), new TimeSpan(8, 0, 0), 45);

        Assert.Equal(MeetingSyncState.Retrying, await SyncAsync(classId));
        Assert.StartsWith("Retrying (attempt 1", (await DetailAsync(classId)).Class.LinkState, StringComparison.Ordinal);
        await MakeDueAsync(classId);
        Assert.Equal(MeetingSyncState.Retrying, await SyncAsync(classId));
        await MakeDueAsync(classId);
        await App.Services.GetRequiredService<MeetingSweep>().RunDueAsync(CancellationToken.None);

        Assert.Equal(MeetingSyncState.Linked, await StateAsync(classId));
        Assert.Single(Zoom.Meetings);
    }

    [Fact]
    public async Task TheDailyLimitDefersToMidnightUtcAndSaysSo()
    {
        Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.DailyLimitReached);
        var classId = await ScheduleZoomClassAsync("Busy Day", new DateTime(2027, 7, 11), new TimeSpan(8, 0, 0), 45);

        Assert.Equal(MeetingSyncState.DailyLimit, await SyncAsync(classId));

        Assert.Equal("Zoom daily limit reached — will retry after 00:00 UTC", (await DetailAsync(classId)).Class.LinkState);
        Assert.Empty(Zoom.Meetings);
    }

    [Fact]
    public async Task ARevokedGrantWaitsForReconnectAndThenResumes()
    {
        var classId = await ScheduleZoomClassAsync("Parked", new DateTime(2027, 7, 12), new TimeSpan(8, 0, 0), 45);
        await ExpireAccessTokenAsync();
        Zoom.Faults.Script(SandboxEndpoint.Token, FaultKind.InvalidGrant);

        Assert.Equal(MeetingSyncState.WaitingReconnect, await SyncAsync(classId));
        Assert.Equal("Waiting for Zoom reconnect", (await DetailAsync(classId)).Class.LinkState);

        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal("reconnected", await ZoomFlow.ConnectAsync(owner));
        await App.Services.GetRequiredService<MeetingSweep>().RunDueAsync(CancellationToken.None);

        Assert.Equal(MeetingSyncState.Linked, await StateAsync(classId));
        Assert.Single(Zoom.Meetings);
    }

    [Fact]
    public async Task DisconnectingRemovesTheLinksAndSaysALinkIsNeeded()
    {
        var classId = await ScheduleZoomClassAsync("After Hours", new DateTime(2027, 7, 13), new TimeSpan(20, 0, 0), 45);
        await SyncAsync(classId);

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>().DisconnectAsync(CancellationToken.None);
        }

        var detail = await DetailAsync(classId);
        Assert.Null(detail.JoinUrl);
        Assert.Equal("Link needed — Zoom was disconnected", detail.Class.LinkState);
        Assert.Single(Zoom.Meetings); // Junocal does not reach back to delete meetings on the owner's account
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.All(await db.ClassMeetings.ToListAsync(), m => Assert.Null(m.ExternalId));
    }

    [Fact]
    public async Task DisconnectingCanKeepTheCurrentLinksAsCustomLinks()
    {
        var classId = await ScheduleZoomClassAsync("Keep Me", new DateTime(2027, 7, 14), new TimeSpan(20, 0, 0), 45);
        await SyncAsync(classId);
        var joinUrl = Assert.Single(Zoom.Meetings).JoinUrl;

        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            await owner.ServiceProvider.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomConnectionService>()
                .DisconnectAsync(CancellationToken.None, keepLinksAsCustom: true);
        }

        var detail = await DetailAsync(classId);
        Assert.Equal(LocationKind.CustomLink, detail.Class.LocationKind);
        Assert.Equal(joinUrl, detail.JoinUrl);
    }

    private async Task<Guid> ScheduleZoomClassAsync(string name, DateTime date, TimeSpan start, int minutes)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
        {
            Name = name, InstructorId = options.Instructors[0].Id, Date = date, StartTime = start, DurationMinutes = minutes,
            Capacity = 10, LocationKind = LocationKind.Zoom,
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return Assert.Single(result.ClassIds);
    }

    private async Task UpdateAsync(Guid classId, Action<ClassForm> change)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var (form, version) = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value;
        change(form);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().UpdateAsync(classId, version, form, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    private async Task CancelAsync(Guid classId)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var version = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value.Version;
        Assert.True((await owner.ServiceProvider.GetRequiredService<ClassScheduler>().CancelAsync(classId, version, null, CancellationToken.None)).Succeeded);
    }

    private Task<MeetingSyncState?> SyncAsync(Guid classId) =>
        App.Services.GetRequiredService<MeetingSync>().SyncAsync(classId, CancellationToken.None);

    private async Task<ClassDetail> DetailAsync(Guid classId)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetDetailAsync(classId, CancellationToken.None))!;
    }

    private async Task<MeetingSyncState?> StateAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassMeetings.Where(m => m.ClassSessionId == classId).Select(m => (MeetingSyncState?)m.State).SingleOrDefaultAsync();
    }

    private async Task MakeDueAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        await db.ClassMeetings.Where(m => m.ClassSessionId == classId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    private async Task ExpireAccessTokenAsync()
    {
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            await db.ZoomAccessTokens.ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-5)));
        }

        var studio = await StudioIdAsync();
        App.Services.GetRequiredService<Junocal.Web.Integrations.Zoom.ZoomTokenStore>().Forget(studio);
    }

    private async Task<Guid> StudioIdAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
    }

    private async Task WaitForWebhooksAsync()
    {
        foreach (var delivery in Zoom.WebhookDeliveries)
        {
            await delivery.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
