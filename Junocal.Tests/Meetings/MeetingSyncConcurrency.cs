using Junocal.Domain.Meetings;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Meetings;

/// <summary>Class changes that arrive while a meeting call is in flight, and sweeps where one class fails.</summary>
[Collection(MeetingFaultHosts.Name)]
public class MeetingSyncConcurrency(JunocalApp host) : IAsyncLifetime
{
    // Early October next year: in the future, and London is on BST (UTC+1).
    private static readonly DateTime Day = TestCalendar.NextYearOn(10, 4);

    private readonly MeetingTestKit _kit = new(host);

    public async ValueTask InitializeAsync()
    {
        await host.ResetAsync();
        await _kit.ConnectZoomAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _kit.WaitForWebhooksAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ARescheduleDuringTheCreateEndsWithOneMeetingAtTheNewTime()
    {
        var classId = await _kit.ScheduleZoomClassAsync("Racing Flow", Day, new TimeSpan(9, 0, 0));
        var (reached, release) = host.Faults.Writes.HoldNextOutcomeWrite();

        var inFlight = _kit.SyncAsTheJobWouldAsync(classId);
        await reached.WaitAsync(TimeSpan.FromMinutes(1)); // Zoom made the meeting at 09:00; Junocal has not recorded it yet
        await _kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(18, 45, 0));
        release.SetResult();
        Assert.Null(await inFlight);
        await _kit.SweepAsync();

        var meeting = Assert.Single(_kit.Zoom.Meetings);
        Assert.Equal(TestCalendar.Utc(Day, 17, 45), meeting.StartTime); // 18:45 BST
        var row = await _kit.RowAsync(classId);
        Assert.Equal(MeetingSyncState.Linked, row!.State);
        Assert.Equal(meeting.JoinUrl, (await _kit.DetailAsync(classId)).JoinUrl);
    }

    [Fact]
    public async Task AFailedWriteForOneClassDoesNotStopTheSweepForTheOthers()
    {
        var first = await _kit.ScheduleZoomClassAsync("First", Day.AddDays(1), new TimeSpan(9, 0, 0));
        var second = await _kit.ScheduleZoomClassAsync("Second", Day.AddDays(1), new TimeSpan(11, 0, 0));
        host.Faults.Writes.FailNextOutcomeWrite();

        Assert.Equal(2, await _kit.SweepAsync());

        var states = new[] { (await _kit.RowAsync(first))!.State, (await _kit.RowAsync(second))!.State };
        Assert.Contains(MeetingSyncState.Linked, states);
        Assert.Contains(MeetingSyncState.Pending, states); // the one whose write failed waits for its lease to pass
        Assert.Single(_kit.Zoom.Meetings);

        await _kit.MakeAllDueAsync();
        await _kit.SweepAsync();
        Assert.Equal(2, _kit.Zoom.Meetings.Count);
    }
}
