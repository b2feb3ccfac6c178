using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Sandbox;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junocal.Tests.Meetings;

/// <summary>
/// A class moved from one provider to another: its meeting is deleted at the provider that holds it before one is
/// created at the new provider, and a failure on the way leaves no meeting behind at either. Zoom is the real
/// sandbox over HTTP; the second provider is a stand-in that records its meetings, until Google Meet exists.
/// </summary>
public class MeetingSyncProviderSwitch(JunocalApp app) : AppTest(app)
{
    private readonly RecordingProvider _meet = new();
    private MeetingTestKit Kit => new(App);
    private ZoomSandboxState Zoom => App.Services.GetRequiredService<ZoomSandboxState>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Zoom.Reset();
        await Kit.ConnectZoomAsync();
    }

    [Fact]
    public async Task DeletesAtTheOldProviderThenCreatesAtTheNew()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Switching Flow", TestCalendar.NextYearOn(9, 6), new TimeSpan(9, 0, 0));
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        Assert.Single(Kit.MeetingsFor(classId));

        await MoveToAsync(classId, Location.GoogleMeet());
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));

        Assert.Empty(Kit.MeetingsFor(classId));
        var created = Assert.Single(_meet.Meetings);
        var row = (await Kit.RowAsync(classId))!;
        Assert.Equal(LocationKind.GoogleMeet, row.Provider);
        Assert.Equal(created.Value, row.JoinUrl);

        await MoveToAsync(classId, Location.Zoom());
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));

        Assert.Empty(_meet.Meetings);
        Assert.Equal(Assert.Single(Kit.MeetingsFor(classId)).JoinUrl, (await Kit.RowAsync(classId))!.JoinUrl);
    }

    [Fact]
    public async Task CreatesNothingAtTheNewProviderUntilTheOldMeetingIsGone()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Stubborn Flow", TestCalendar.NextYearOn(9, 7), new TimeSpan(9, 0, 0));
        await Kit.SyncAsync(classId);
        Zoom.Faults.Script(SandboxEndpoint.DeleteMeeting, FaultKind.ServerError);

        await MoveToAsync(classId, Location.GoogleMeet());

        Assert.Equal(MeetingSyncState.Retrying, await SyncAsync(classId));
        Assert.Single(Kit.MeetingsFor(classId));
        Assert.Empty(_meet.Meetings);
        Assert.Equal(LocationKind.Zoom, (await Kit.RowAsync(classId))!.Provider);

        await Kit.MakeAllDueAsync();
        Assert.Equal(MeetingSyncState.Linked, await SyncAsync(classId));
        Assert.Empty(Kit.MeetingsFor(classId));
        Assert.Single(_meet.Meetings);
    }

    /// <summary>The sync with both providers installed: the app's own Zoom provider, and the stand-in.</summary>
    private Task<MeetingSyncState?> SyncAsync(Guid classId)
    {
        var zoom = App.Services.GetRequiredService<MeetingProviders>().Find(LocationKind.Zoom)!;
        var contexts = App.Services.GetRequiredService<SystemDbContextFactory>();
        var providers = new MeetingProviders([zoom, _meet]);
        var changes = App.Services.GetRequiredService<MeetingChanges>();
        var sync = new MeetingSync(contexts, providers, changes, new MeetingQuotaPlan(contexts, providers, changes, TimeProvider.System),
            TimeProvider.System, NullLogger<MeetingSync>.Instance);
        return sync.SyncAsync(classId, CancellationToken.None);
    }

    /// <summary>What the owner's edit does, without the Location picker's check that the stand-in is connected.</summary>
    private async Task MoveToAsync(Guid classId, Location location)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var session = await db.ClassSessions.SingleAsync(c => c.Id == classId);
        session.MoveTo(location);
        (await db.ClassMeetings.SingleAsync(m => m.ClassSessionId == classId)).MarkPending(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    private sealed class RecordingProvider : IMeetingProvider
    {
        public Dictionary<string, string> Meetings { get; } = [];

        public LocationKind Kind => LocationKind.GoogleMeet;

        public string DisplayName => "Google Meet";

        public int? DailyChangeLimit => null;

        public Task<MeetingProviderStatus> GetStatusAsync(Guid studioId, CancellationToken cancellationToken) =>
            Task.FromResult(MeetingProviderStatus.Connected(Kind));

        public Task<MeetingCallResult> CreateAsync(Guid studioId, DesiredMeeting desired, CancellationToken cancellationToken)
        {
            var id = Guid.NewGuid().ToString("N");
            Meetings[id] = $"https://meet.sandbox.test/{id}";
            return Task.FromResult(MeetingCallResult.Made(new CreatedMeeting(id, Meetings[id], null, null, null)));
        }

        public Task<MeetingCallResult> UpdateAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken) =>
            Task.FromResult(Meetings.ContainsKey(externalId) ? MeetingCallResult.Done : MeetingCallResult.NotFound);

        public Task<MeetingCallResult> DeleteAsync(Guid studioId, string externalId, CancellationToken cancellationToken)
        {
            Meetings.Remove(externalId);
            return Task.FromResult(MeetingCallResult.Done);
        }
    }
}
