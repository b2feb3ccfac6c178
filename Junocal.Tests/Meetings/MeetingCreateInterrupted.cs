using Junocal.Domain.Auditing;
using Junocal.Domain.Meetings;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// A create whose answer never reached the database (the process died, or the answer was lost on the way) leaves a
/// meeting in Zoom that no class holds. The note written before the call survives the host; the next sync tells the
/// owner which meeting to look for (ADR 0011), and the class still ends with exactly one meeting of its own.
/// </summary>
public class MeetingCreateInterrupted
{
    [Fact]
    public async Task AnUnansweredCreateThenARestartLinksTheClassOnceAndTellsTheOwnerWhichMeetingToDeleteInZoom()
    {
        Guid classId;
        JunocalApp second;
        await using (var first = new JunocalApp())
        {
            await first.InitializeAsync();
            var kit = new MeetingTestKit(first);
            await kit.ConnectZoomAsync();
            first.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.LoseResponse);
            classId = await kit.ScheduleZoomClassAsync("Lost Answer Flow", TestCalendar.NextYearOn(3, 9), new TimeSpan(7, 30, 0));

            Assert.Equal(MeetingSyncState.Retrying, await kit.SyncAsync(classId));
            Assert.Single(kit.MeetingsFor(classId)); // Zoom made it; Junocal never heard
            Assert.Equal(1, await IntentCountAsync(first, classId));
            second = first.Restart(new());
        }

        await using (second)
        {
            await second.StartAsync();
            var kit = new MeetingTestKit(second);
            await kit.MakeAllDueAsync();

            Assert.Equal(MeetingSyncState.Linked, await kit.SyncAsync(classId));

            var row = (await kit.RowAsync(classId))!;
            var tagged = kit.MeetingsFor(classId);
            Assert.Equal(2, tagged.Count);
            var orphan = Assert.Single(tagged, m => m.JoinUrl != row.JoinUrl);
            Assert.Equal((await kit.DetailAsync(classId)).JoinUrl, row.JoinUrl);
            var notice = Assert.Single(await OwnerSeesAsync(second, AuditActions.MeetingCreateUncertain));
            Assert.Contains($"\"{orphan.Agenda}\"", notice.Details, StringComparison.Ordinal);
            Assert.Contains("delete that meeting in Zoom", notice.Details, StringComparison.Ordinal);
            Assert.Equal(0, await IntentCountAsync(second, classId));

            await kit.MakeAllDueAsync();
            await kit.SyncAsync(classId);
            Assert.Single(await OwnerSeesAsync(second, AuditActions.MeetingCreateUncertain)); // told once, not at every sync
        }
    }

    [Fact]
    public async Task AClassCancelledAfterAnUnansweredCreateStillTellsTheOwner()
    {
        await using var app = new JunocalApp();
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        app.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.LoseResponse);
        var classId = await kit.ScheduleZoomClassAsync("Cancelled Lost Flow", TestCalendar.NextYearOn(3, 10), new TimeSpan(7, 30, 0));
        Assert.Equal(MeetingSyncState.Retrying, await kit.SyncAsync(classId));

        await kit.CancelAsync(classId);
        Assert.Null(await kit.SyncAsync(classId));

        Assert.Null(await kit.RowAsync(classId));
        Assert.Single(kit.MeetingsFor(classId));
        var notice = Assert.Single(await OwnerSeesAsync(app, AuditActions.MeetingCreateUncertain));
        Assert.Contains(MeetingTestKit.AgendaFor(classId), notice.Details, StringComparison.Ordinal);
        Assert.Equal(0, await IntentCountAsync(app, classId));
    }

    [Fact]
    public async Task ACreateZoomAnsweredLeavesNoNoteAndTellsTheOwnerNothing()
    {
        await using var app = new JunocalApp();
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        app.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.RateLimited);
        var classId = await kit.ScheduleZoomClassAsync("Answered Flow", TestCalendar.NextYearOn(3, 11), new TimeSpan(7, 30, 0));

        Assert.Equal(MeetingSyncState.Retrying, await kit.SyncAsync(classId));
        Assert.Equal(0, await IntentCountAsync(app, classId));
        await kit.MakeAllDueAsync();
        Assert.Equal(MeetingSyncState.Linked, await kit.SyncAsync(classId));

        Assert.Single(kit.MeetingsFor(classId));
        Assert.Equal(0, await IntentCountAsync(app, classId));
        Assert.Empty(await OwnerSeesAsync(app, AuditActions.MeetingCreateUncertain));
    }

    private static async Task<int> IntentCountAsync(JunocalApp app, Guid classId)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.MeetingCreateIntents.CountAsync(i => i.ClassSessionId == classId);
    }

    /// <summary>The audit log as the owner reads it, filtered to one action.</summary>
    private static async Task<List<AuditLine>> OwnerSeesAsync(JunocalApp app, string action)
    {
        await using var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var page = await owner.ServiceProvider.GetRequiredService<AuditLogService>().ListAsync(0, CancellationToken.None, new AuditFilter("meeting.", null, null));
        return [.. page.Entries.Where(e => e.Action == action)];
    }
}
