using Junocal.Domain.Meetings;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Tests.Meetings;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>
/// A Google Meet class's life through the real host and the Google sandbox: create (pending, then the link), reschedule
/// with the same link, cancel, Zoom ↔ Meet, deleted in Google (notification and reconciliation), reconnect, disconnect.
/// </summary>
public class GoogleMeetLifecycle(JunocalApp app) : ZoomAppTest(app)
{
    private MeetingTestKit Kit => new(App);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.Google.Knobs.ConferenceDelay = TimeSpan.FromDays(1); // resolved by gets, not by time
        App.Google.Knobs.ConferenceResolvesAfterGets = 1;
        await GoogleFlow.ConnectOwnerAsync(App);
    }

    [Fact]
    public async Task ShowsCreatingWhileTheConferenceIsPendingThenTheMeetLink()
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Meet Flow", TestCalendar.NextYearOn(5, 4), new TimeSpan(9, 0, 0));

        Assert.Equal(MeetingSyncState.Pending, await Kit.SyncAsync(classId));
        Assert.Equal("Creating Google Meet link…", (await Kit.DetailAsync(classId)).Class.Link!.Describe());
        var pending = (await Kit.RowAsync(classId))!;
        Assert.NotNull(pending.ExternalId);
        Assert.Null(pending.JoinUrl);

        await Kit.MakeAllDueAsync();
        await Kit.SyncUntilLinkedAsync(classId);

        var row = (await Kit.RowAsync(classId))!;
        var meetEvent = Assert.Single(App.Google.Events);
        Assert.Equal(row.ExternalId, meetEvent.Id);
        Assert.Equal(meetEvent.HangoutLink, row.JoinUrl);
        Assert.StartsWith("https://meet.google.com/", row.JoinUrl, StringComparison.Ordinal);
        Assert.Equal("none", meetEvent.SendUpdates);
        Assert.Equal(classId.ToString(), meetEvent.PrivateProperty("junocalClassId"));
    }

    [Fact]
    public async Task ReschedulesTheSameEventAndKeepsTheLink()
    {
        var classId = await LinkedClassAsync("Moving Meet");
        var link = (await Kit.RowAsync(classId))!.JoinUrl;

        await Kit.UpdateAsync(classId, form => { form.StartTime = new TimeSpan(18, 30, 0); form.Name = "Moved Meet"; });
        await Kit.SyncUntilLinkedAsync(classId);

        var meetEvent = Assert.Single(App.Google.Events);
        Assert.Equal("Moved Meet", meetEvent.Summary);
        Assert.Contains("T18:30:00", meetEvent.Start!["dateTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(link, (await Kit.RowAsync(classId))!.JoinUrl);
        Assert.Equal(link, meetEvent.HangoutLink);
    }

    [Fact]
    public async Task DeletesTheEventWhenTheClassIsCancelled()
    {
        var classId = await LinkedClassAsync("Cancelled Meet");

        await Kit.CancelAsync(classId);
        await Kit.SyncAsync(classId);

        Assert.True(Assert.Single(App.Google.Events).IsCancelled);
        Assert.Null(await Kit.RowAsync(classId));
    }

    [Fact]
    public async Task SwitchesBetweenZoomAndMeetDeletingAtOneAndCreatingAtTheOther()
    {
        await Kit.ConnectZoomAsync();
        var classId = await LinkedClassAsync("Switching Meet");

        await Kit.UpdateAsync(classId, form => form.LocationKind = Junocal.Domain.Scheduling.LocationKind.Zoom);
        await Kit.SyncUntilLinkedAsync(classId);
        Assert.True(Assert.Single(App.Google.Events).IsCancelled);
        Assert.Single(Kit.MeetingsFor(classId));

        await Kit.UpdateAsync(classId, form => form.LocationKind = Junocal.Domain.Scheduling.LocationKind.GoogleMeet);
        await Kit.SyncUntilLinkedAsync(classId);
        Assert.Empty(Kit.MeetingsFor(classId));
        Assert.Single(App.Google.Events, e => !e.IsCancelled);
        Assert.StartsWith("https://meet.google.com/", (await Kit.RowAsync(classId))!.JoinUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearsTheLinkWhenTheEventIsDeletedInGoogleAndTheNotificationArrives()
    {
        var classId = await LinkedClassAsync("Deleted Meet");
        var meetEvent = Assert.Single(App.Google.Events);

        Assert.True(App.Google.DeleteEventInGoogle(meetEvent.CalendarId, meetEvent.Id));

        await Eventually.HoldsAsync(async () => await Kit.RowAsync(classId) is null, "the link is cleared after the notification");
        var detail = await Kit.DetailAsync(classId);
        const string Removed = "Google Meet link removed — the event was deleted in Google Calendar. Reschedule to regenerate, or switch to a custom link.";
        Assert.Equal(Removed, detail.Class.Link!.Describe());
        Assert.Contains(detail.History, line => line.Details == Removed); // the class history says the same as the page
    }

    [Fact]
    public async Task ReconciliationCatchesADroppedNotification()
    {
        // Dropped from the start: no notification's sync of the app's own changes runs beside the reconciliation.
        App.Google.Knobs.DropNotifications = true;
        var classId = await LinkedClassAsync("Dropped Meet");
        var meetEvent = Assert.Single(App.Google.Events);
        App.Google.DeleteEventInGoogle(meetEvent.CalendarId, meetEvent.Id);
        Assert.NotNull(await Kit.RowAsync(classId));

        Assert.Equal(1, await Services.GetRequiredService<GoogleCalendarSync>().ReconcileAllAsync(Ct));

        Assert.Null(await Kit.RowAsync(classId));
    }

    [Fact]
    public async Task ReadsInFullWhenGoogleForgetsTheSyncToken()
    {
        // Dropped from the start, so the counts below are the reconciliation's alone (see above).
        App.Google.Knobs.DropNotifications = true;
        var classId = await LinkedClassAsync("Resynced Meet");
        await Services.GetRequiredService<GoogleCalendarSync>().ReconcileAllAsync(Ct);
        var meetEvent = Assert.Single(App.Google.Events);
        App.Google.DeleteEventInGoogle(meetEvent.CalendarId, meetEvent.Id);
        App.Google.InvalidateSyncTokens();

        Assert.Equal(1, await Services.GetRequiredService<GoogleCalendarSync>().ReconcileAllAsync(Ct));
        Assert.Null(await Kit.RowAsync(classId));
    }

    [Fact]
    public async Task WaitsForAReconnectAfterGoogleRefusesTheGrantAndResumesWithTheSameAccount()
    {
        var studio = await Services.StudioIdAsync();
        App.Google.RemoveAccess(GoogleTestUsers.Owner);
        await ExpireAccessTokenAsync(studio);
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Waiting Meet", TestCalendar.NextYearOn(5, 9), new TimeSpan(9, 0, 0));

        Assert.Equal(MeetingSyncState.WaitingReconnect, await Kit.SyncAsync(classId));
        Assert.Equal(GoogleConnectionStatus.ReconnectRequired, (await Services.ConnectionAsync(studio))!.Status);
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Contains("data-testid=\"google-reconnect-banner\"", await owner.Client.GetStringAsync(GoogleConnectEndpoints.IntegrationsPage, Ct),
            StringComparison.Ordinal);

        Assert.Equal(GoogleConnectMessage.Reconnected.Code, await GoogleFlow.ConnectAsync(owner));
        await Kit.SyncUntilLinkedAsync(classId);
    }

    [Fact]
    public async Task DisconnectStopsTheChannelRevokesAndErasesEveryGoogleRow()
    {
        var studio = await Services.StudioIdAsync();
        var classId = await LinkedClassAsync("Disconnected Meet");
        await using var scope = await App.ScopeSignedInAsAsync(Junocal.Web.Features.Demo.DemoSeeder.OwnerEmail);

        var outcome = await scope.ServiceProvider.GetRequiredService<GoogleConnectionService>().DisconnectAsync(Ct);

        Assert.Equal(GoogleDisconnectOutcome.Disconnected, outcome);
        Assert.Null(await Services.ConnectionAsync(studio));
        Assert.False(App.Google.HasAccess(GoogleTestUsers.Owner));
        Assert.All(App.Google.ChannelList, c => Assert.NotNull(c.StoppedAt));
        Assert.Equal(MeetingSyncState.LinkNeeded, (await Kit.RowAsync(classId))!.State);
        Assert.False(Assert.Single(App.Google.Events).IsCancelled); // the event stays in the owner's calendar
    }

    [Fact]
    public async Task DisconnectsEvenWhenGoogleCannotRevoke()
    {
        var studio = await Services.StudioIdAsync();
        App.Google.Faults.Script(Junocal.Sandbox.Google.Faults.GoogleEndpoint.Revoke, Junocal.Sandbox.Google.Faults.GoogleFaultKind.ServerError, times: 10);
        await using var scope = await App.ScopeSignedInAsAsync(Junocal.Web.Features.Demo.DemoSeeder.OwnerEmail);

        var outcome = await scope.ServiceProvider.GetRequiredService<GoogleConnectionService>().DisconnectAsync(Ct);

        Assert.Equal(GoogleDisconnectOutcome.DisconnectedButNotRevoked, outcome);
        Assert.Null(await Services.ConnectionAsync(studio));
    }

    [Fact]
    public async Task RenewsAChannelBeforeItExpiresAndStopsTheOldOne()
    {
        var studio = await Services.StudioIdAsync();
        var old = Assert.Single(App.Google.ChannelList);
        await using (var db = Services.GetRequiredService<Junocal.Web.Data.SystemDbContextFactory>().CreateDbContext())
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.GoogleWatchChannels, Ct);
            var soon = GoogleWatchChannel.Open(old.Id, studio, GoogleCalendarSetup.HashToken("t"), Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1));
            soon.Watching(old.ResourceId, Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1));
            db.GoogleWatchChannels.Add(soon);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await Services.GetRequiredService<GoogleCalendarSetup>().RenewDueAsync(Ct));

        Assert.Equal(2, App.Google.ChannelList.Count);
        Assert.True(App.Google.ChannelList.Single(c => c.Id == old.Id).StoppedAt is not null);
        Assert.False(App.Google.ChannelList.Single(c => c.Id != old.Id).StoppedAt is not null);
    }

    private async Task<Guid> LinkedClassAsync(string name)
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, name, TestCalendar.NextYearOn(5, 6), new TimeSpan(9, 0, 0));
        await Kit.SyncUntilLinkedAsync(classId);
        return classId;
    }

    private async Task ExpireAccessTokenAsync(Guid studio)
    {
        await using var db = Services.GetRequiredService<Junocal.Web.Data.SystemDbContextFactory>().CreateDbContext();
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.GoogleAccessTokens, Ct);
        Services.GetRequiredService<GoogleTokenStore>().Forget(studio);
    }
}
