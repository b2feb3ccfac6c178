using Junocal.Domain.Meetings;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Meetings;

/// <summary>Meeting work survives the host: a new host on the same database finishes what the stopped one left.</summary>
public class MeetingSyncRestart
{
    [Fact]
    public async Task ANewHostOnTheSameDatabaseFinishesAClassLeftRetrying()
    {
        Guid classId;
        JunocalApp second;
        await using (var first = new JunocalApp())
        {
            await first.InitializeAsync();
            var kit = new MeetingTestKit(first);
            await kit.ConnectZoomAsync();
            first.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.ServerError);
            classId = await kit.ScheduleZoomClassAsync("Survivor Flow", TestCalendar.NextYearOn(11, 1), new TimeSpan(9, 0, 0));
            Assert.Equal(MeetingSyncState.Retrying, await kit.SyncAsync(classId));
            Assert.Empty(first.Zoom.Meetings);

            // Zoom lives on outside Junocal: the new host talks to the same sandbox, with the grant the first one stored.
            second = first.Restart(new() { Jobs = true });
        }

        await using (second)
        {
            await second.StartAsync();
            var kit = new MeetingTestKit(second);

            var row = await Eventually.ReturnsAsync(() => kit.RowAsync(classId), r => r?.State == MeetingSyncState.Linked, TimeSpan.FromMinutes(1));

            var meeting = Assert.Single(second.Zoom.Meetings);
            Assert.Equal(MeetingTestKit.AgendaFor(classId), meeting.Agenda);
            Assert.Equal(meeting.JoinUrl, (await kit.DetailAsync(classId)).JoinUrl);
            Assert.Equal(meeting.JoinUrl, row!.JoinUrl);
        }
    }
}
