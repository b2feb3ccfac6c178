using Junocal.Sandbox;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>Meeting work survives the host: a new host on the same database finishes what the stopped one left.</summary>
public class MeetingSyncRestart
{
    [Fact]
    public async Task ANewHostOnTheSameDatabaseFinishesAClassLeftRetrying()
    {
        var database = TestDatabase.Create();
        try
        {
            Guid classId;
            ZoomSandboxState zoom;
            await using (var first = new RestartableHost(database, jobs: false, zoom: null))
            {
                await first.InitializeAsync();
                var kit = new MeetingTestKit(first);
                zoom = kit.Zoom;
                zoom.Reset();
                await kit.ConnectZoomAsync();
                zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.ServerError);
                classId = await kit.ScheduleZoomClassAsync("Survivor Flow", TestCalendar.NextYearOn(11, 1), new TimeSpan(9, 0, 0));
                Assert.Equal(MeetingSyncState.Retrying, await kit.SyncAsync(classId));
                Assert.Empty(zoom.Meetings);
            }

            // Zoom lives on outside Junocal: the new host talks to the same sandbox, with the grant the first one stored.
            await using var second = new RestartableHost(database, jobs: true, zoom: zoom);
            second.StartServer();
            var kit2 = new MeetingTestKit(second);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await kit2.RowAsync(classId))?.State != MeetingSyncState.Linked && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            var row = await kit2.RowAsync(classId);
            Assert.Equal(MeetingSyncState.Linked, row!.State);
            var meeting = Assert.Single(zoom.Meetings);
            Assert.Equal(MeetingTestKit.AgendaFor(classId), meeting.Agenda);
            Assert.Equal(meeting.JoinUrl, (await kit2.DetailAsync(classId)).JoinUrl);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A host on a database it does not own; with <c>zoom</c>, it serves that sandbox state instead of a fresh one.</summary>
    private sealed class RestartableHost(TestDatabase database, bool jobs, ZoomSandboxState? zoom) : JunocalApp(database, ownsDatabase: false)
    {
        protected override void ConfigureTestHost(IWebHostBuilder builder)
        {
            if (jobs)
            {
                builder.UseSetting("Jobs:Enabled", "true");
                builder.UseSetting("Jobs:MeetingSweepInterval", "00:00:01");
            }

            if (zoom is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton(zoom));
            }
        }
    }
}
