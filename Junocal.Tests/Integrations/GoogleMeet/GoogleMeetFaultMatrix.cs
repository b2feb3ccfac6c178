using Junocal.Domain.Meetings;
using Junocal.Sandbox.Google;
using Junocal.Sandbox.Google.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>
/// Create, update and delete under each fault the sandbox can inject: every run converges to exactly the event the
/// class should have — no duplicate event, no orphan, the link on the class the one in Google — including a lost
/// answer, which Google's client-chosen event ids make safe.
/// </summary>
public class GoogleMeetFaultMatrix(JunocalApp app) : ZoomAppTest(app)
{
    private MeetingTestKit Kit => new(App);

    public static TheoryData<GoogleFaultKind> Faults =>
    [
        GoogleFaultKind.LoseResponse, GoogleFaultKind.LoseResponseWith500, GoogleFaultKind.ServerError, GoogleFaultKind.DropConnection,
        GoogleFaultKind.RateLimited, GoogleFaultKind.UserRateLimited,
    ];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.Google.Knobs.ConferenceDelay = TimeSpan.FromDays(1);
        App.Google.Knobs.ConferenceResolvesAfterGets = 1;
        await GoogleFlow.ConnectOwnerAsync(App);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task CreateConvergesToOneEvent(GoogleFaultKind fault)
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Faulty Create", TestCalendar.NextYearOn(6, 2), new TimeSpan(9, 0, 0));
        App.Google.Faults.Script(GoogleEndpoint.InsertEvent, fault);

        await Kit.SyncUntilLinkedAsync(classId);

        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
        Assert.DoesNotContain(App.Google.Events, e => e.IsCancelled);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task UpdateConvergesWithTheSameLink(GoogleFaultKind fault)
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Faulty Update", TestCalendar.NextYearOn(6, 3), new TimeSpan(9, 0, 0));
        await Kit.SyncUntilLinkedAsync(classId);
        var link = (await Kit.RowAsync(classId))!.JoinUrl;
        App.Google.Faults.Script(GoogleEndpoint.PatchEvent, fault);

        await Kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(17, 0, 0));
        await Kit.SyncUntilLinkedAsync(classId);

        var row = (await Kit.RowAsync(classId))!;
        Assert.Equal(link, row.JoinUrl);
        var live = AssertOneLiveEventMatching(row);
        Assert.Contains("T17:00:00", live.Start!["dateTime"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task DeleteConvergesToNoLiveEvent(GoogleFaultKind fault)
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Faulty Delete", TestCalendar.NextYearOn(6, 4), new TimeSpan(9, 0, 0));
        await Kit.SyncUntilLinkedAsync(classId);
        App.Google.Faults.Script(GoogleEndpoint.DeleteEvent, fault);

        await Kit.CancelAsync(classId);
        for (var i = 0; i < 5 && await Kit.RowAsync(classId) is not null; i++)
        {
            await Kit.SyncAsync(classId);
            await Kit.MakeAllDueAsync();
        }

        Assert.Null(await Kit.RowAsync(classId));
        Assert.All(App.Google.Events, e => Assert.True(e.IsCancelled));
    }

    [Fact]
    public async Task AnswersAConferenceThatNeverResolvesByAskingAgain()
    {
        App.Google.Knobs.ConferenceResolvesAfterGets = null;
        App.Google.Knobs.ConferenceOutcome = ConferenceOutcome.Failure;
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Failing Meet", TestCalendar.NextYearOn(6, 5), new TimeSpan(9, 0, 0));
        App.Google.Knobs.ConferenceDelay = TimeSpan.Zero;

        Assert.Equal(MeetingSyncState.Retrying, await Kit.SyncAsync(classId));
        Assert.Contains("Google could not create the Meet conference", (await Kit.RowAsync(classId))!.LastError, StringComparison.Ordinal);

        App.Google.Knobs.ConferenceOutcome = ConferenceOutcome.Success;
        await Kit.SyncUntilLinkedAsync(classId);
        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
    }

    [Fact]
    public async Task AsksForANewConferenceWhenOneStaysPendingPastTheLimit()
    {
        App.Google.Knobs.ConferenceOutcome = ConferenceOutcome.StaysPending;
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Stuck Meet", TestCalendar.NextYearOn(6, 6), new TimeSpan(9, 0, 0));
        await Eventually.HoldsAsync(async () => await Kit.SyncAsync(classId) is MeetingSyncState.Pending
            || (await Kit.RowAsync(classId))!.State == MeetingSyncState.Pending, "the class waiting for its Meet link");
        var stuck = Assert.Single(App.Google.Events);

        // Still pending when it is asked again within the limit.
        await Kit.MakeAllDueAsync();
        Assert.Equal(MeetingSyncState.Pending, await Kit.SyncAsync(classId));
        Assert.Equal(stuck.Conference!.RequestId, Assert.Single(App.Google.Events).Conference!.RequestId);

        await ConferenceRequestedMinutesAgoAsync(classId, 11);
        App.Google.Knobs.ConferenceOutcome = ConferenceOutcome.Success;
        await Kit.MakeAllDueAsync();
        Assert.Equal(MeetingSyncState.Retrying, await Kit.SyncAsync(classId));
        Assert.Contains("Google had not finished the Meet link after 10 minutes", (await Kit.RowAsync(classId))!.LastError, StringComparison.Ordinal);

        await Kit.SyncUntilLinkedAsync(classId);
        var live = AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
        Assert.Equal(stuck.Id, live.Id);
        Assert.NotEqual(stuck.Conference!.RequestId, live.Conference!.RequestId);
    }

    [Fact]
    public async Task AdoptsTheEventItMadeWhenARepeatedInsertMeets409()
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Conflicted Meet", TestCalendar.NextYearOn(6, 7), new TimeSpan(9, 0, 0));
        // The insert takes effect but its answer is lost, and the read-back fails too: the next try inserts again.
        App.Google.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.LoseResponse);
        App.Google.Faults.Script(GoogleEndpoint.GetEvent, GoogleFaultKind.ServerError);

        await Kit.SyncUntilLinkedAsync(classId);

        Assert.Contains(App.Google.Requests, r => r.Endpoint == GoogleEndpoint.InsertEvent && r.StatusCode == 409);
        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
    }

    [Fact]
    public async Task RetriesWhenGoogleAnswers409ButHasNoSuchEvent()
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Phantom Conflict", TestCalendar.NextYearOn(6, 8), new TimeSpan(9, 0, 0));
        App.Google.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.Fail, status: 409, reason: "duplicate");

        await Kit.SyncUntilLinkedAsync(classId);

        Assert.Contains(App.Google.Requests, r => r.Endpoint == GoogleEndpoint.InsertEvent && r.StatusCode == 409);
        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
    }

    [Fact]
    public async Task AsksTheOwnerToReconnectWhenGoogleSaysAScopeIsMissing()
    {
        var studio = await Services.StudioIdAsync();
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Unscoped Meet", TestCalendar.NextYearOn(6, 9), new TimeSpan(9, 0, 0));
        App.Google.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.Fail, status: 403, reason: "insufficientPermissions");

        await Eventually.HoldsAsync(async () => await Kit.SyncAsync(classId) is MeetingSyncState.WaitingReconnect
            || (await Kit.RowAsync(classId))!.State == MeetingSyncState.WaitingReconnect, "the class waiting for a reconnect");

        var connection = (await Services.ConnectionAsync(studio))!;
        Assert.Equal(GoogleConnectionStatus.ReconnectRequired, connection.Status);
        Assert.Contains("Reconnect Google", connection.StatusReason, StringComparison.Ordinal);
        Assert.Empty(App.Google.Events);

        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal(GoogleConnectMessage.Reconnected.Code, await GoogleFlow.ConnectAsync(owner));
        await Kit.SyncUntilLinkedAsync(classId);
        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
    }

    private async Task ConferenceRequestedMinutesAgoAsync(Guid classId, int minutes)
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        await db.GoogleClassEvents.Where(e => e.ClassSessionId == classId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ConferenceRequestedAt, DateTimeOffset.UtcNow.AddMinutes(-minutes)));
    }

    private Junocal.Sandbox.Google.Calendar.GoogleEvent AssertOneLiveEventMatching(ClassMeeting row)
    {
        var live = Assert.Single(App.Google.Events, e => !e.IsCancelled);
        Assert.Equal(live.Id, row.ExternalId);
        Assert.Equal(live.HangoutLink, row.JoinUrl);
        Assert.NotNull(row.JoinUrl);
        return live;
    }
}
