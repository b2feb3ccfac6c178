using Junocal.Domain.Meetings;
using Junocal.Sandbox.Google.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Tests.Meetings;

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

        await SyncUntilLinkedAsync(classId);

        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
        Assert.DoesNotContain(App.Google.Events, e => e.IsCancelled);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task UpdateConvergesWithTheSameLink(GoogleFaultKind fault)
    {
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Faulty Update", TestCalendar.NextYearOn(6, 3), new TimeSpan(9, 0, 0));
        await SyncUntilLinkedAsync(classId);
        var link = (await Kit.RowAsync(classId))!.JoinUrl;
        App.Google.Faults.Script(GoogleEndpoint.PatchEvent, fault);

        await Kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(17, 0, 0));
        await SyncUntilLinkedAsync(classId);

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
        await SyncUntilLinkedAsync(classId);
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
        App.Google.Knobs.ConferenceOutcome = Junocal.Sandbox.Google.ConferenceOutcome.Failure;
        var classId = await GoogleFlow.ScheduleMeetClassAsync(App, "Failing Meet", TestCalendar.NextYearOn(6, 5), new TimeSpan(9, 0, 0));
        App.Google.Knobs.ConferenceDelay = TimeSpan.Zero;

        Assert.Equal(MeetingSyncState.Retrying, await Kit.SyncAsync(classId));
        Assert.Contains("Google could not create the Meet conference", (await Kit.RowAsync(classId))!.LastError, StringComparison.Ordinal);

        App.Google.Knobs.ConferenceOutcome = Junocal.Sandbox.Google.ConferenceOutcome.Success;
        await SyncUntilLinkedAsync(classId);
        AssertOneLiveEventMatching((await Kit.RowAsync(classId))!);
    }

    private Junocal.Sandbox.Google.Calendar.GoogleEvent AssertOneLiveEventMatching(ClassMeeting row)
    {
        var live = Assert.Single(App.Google.Events, e => !e.IsCancelled);
        Assert.Equal(live.Id, row.ExternalId);
        Assert.Equal(live.HangoutLink, row.JoinUrl);
        Assert.NotNull(row.JoinUrl);
        return live;
    }

    // Google's push notification for the event can start a sync of its own; while that one holds the row, this one
    // steps aside (null), so wait for the row rather than for this call.
    private Task SyncUntilLinkedAsync(Guid classId) =>
        Eventually.HoldsAsync(async () =>
        {
            if (await Kit.SyncAsync(classId) == MeetingSyncState.Linked)
            {
                return true;
            }

            await Kit.MakeAllDueAsync();
            return (await Kit.RowAsync(classId))!.State == MeetingSyncState.Linked;
        }, "the class linked to its Meet event");
}
