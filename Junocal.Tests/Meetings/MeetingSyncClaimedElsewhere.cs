using System.Globalization;
using Junocal.Domain.Auditing;
using Junocal.Domain.Meetings;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// Two instances on one database: both drains read the same class as due at the same moment, one claims it and asks
/// Zoom for its meeting, and the other reaches the class while Zoom still holds that answer (the chaos run's two-instance
/// mode, docs/RELIABILITY.md "Process death"). The second must leave the class to the first: its create is in flight,
/// not lost, so the owner is told nothing and Zoom gets one create.
/// </summary>
public class MeetingSyncClaimedElsewhere
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ADrainReachingAClassAnotherWorkerIsCreatingLeavesItAndTellsTheOwnerNothing()
    {
        await using var app = new JunocalApp();
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        var createsBefore = CreateCalls(kit);
        app.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.SlowAnswer, delay: Hold);
        var classId = await kit.ScheduleZoomClassAsync("Two Drains Flow", TestCalendar.NextYearOn(3, 12), new TimeSpan(7, 30, 0));
        var sync = app.Services.GetRequiredService<MeetingSync>();

        var first = sync.SyncDueAsync(classId, CancellationToken.None);
        await Eventually.HoldsAsync(() => kit.MeetingsFor(classId).Count == 1, "Zoom made the first worker's meeting and holds its answer");
        var second = await sync.SyncDueAsync(classId, CancellationToken.None);

        Assert.Null(second);
        Assert.Equal(MeetingSyncState.Linked, await first);
        var meeting = Assert.Single(kit.MeetingsFor(classId));
        Assert.Equal(meeting.Id.ToString(CultureInfo.InvariantCulture), (await kit.RowAsync(classId))!.ExternalId);
        Assert.Equal(createsBefore + 1, CreateCalls(kit));
        Assert.Equal(0, await CountAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.MeetingCreateUncertain)));
        Assert.Equal(0, await CountAsync(app, db => db.MeetingCreateIntents.CountAsync(i => i.ClassSessionId == classId)));
    }

    [Fact]
    public async Task ADrainStillTakesAClassWhoseClaimRanOut()
    {
        await using var app = new JunocalApp();
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        app.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.LoseResponse);
        var classId = await kit.ScheduleZoomClassAsync("Lease Ran Out Flow", TestCalendar.NextYearOn(3, 13), new TimeSpan(7, 30, 0));
        var sync = app.Services.GetRequiredService<MeetingSync>();
        Assert.Equal(MeetingSyncState.Retrying, await sync.SyncDueAsync(classId, CancellationToken.None));

        await kit.MakeAllDueAsync();

        Assert.Equal(MeetingSyncState.Linked, await sync.SyncDueAsync(classId, CancellationToken.None));
        Assert.Equal(1, await CountAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.MeetingCreateUncertain && a.ClassSessionId == classId)));
    }

    private static int CreateCalls(MeetingTestKit kit) => kit.Zoom.Requests.Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting);

    private static async Task<int> CountAsync(JunocalApp app, Func<JunocalDbContext, Task<int>> count)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await count(db);
    }
}
