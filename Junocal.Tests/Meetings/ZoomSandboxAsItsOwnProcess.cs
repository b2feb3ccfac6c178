using Junocal.Domain.Meetings;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Meetings;

/// <summary>
/// The Zoom sandbox runs as its own process and the app talks to it exactly as to real Zoom: a class gets its
/// meeting, the app is killed, and the meeting is still in "Zoom" for the restarted app to update.
/// </summary>
public class ZoomSandboxAsItsOwnProcess
{
    [Fact]
    public async Task AClassGetsItsMeetingAndZoomKeepsItWhileTheAppIsKilledAndRestarted()
    {
        await using var pair = await AppBesideZoom.StartAsync();
        var app = await pair.StartInstanceAsync();
        await pair.ConnectZoomAsync();

        var classId = await pair.Kit.ScheduleZoomClassAsync("Outside Flow", TestCalendar.NextYearOn(5, 12), new TimeSpan(18, 30, 0));
        var row = await Eventually.ReturnsAsync(async () => (await pair.RowsAsync([classId])).GetValueOrDefault(classId),
            r => r?.State == MeetingSyncState.Linked, what: "The class's meeting linked by the app process");
        var meeting = Assert.Single(await pair.Zoom.MeetingsAsync(), m => m.Agenda == MeetingTestKit.AgendaFor(classId));
        Assert.Equal("Outside Flow", meeting.Topic);
        Assert.Equal(meeting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row!.ExternalId);
        Assert.Equal(meeting.JoinUrl, row.JoinUrl);

        await app.KillAsync();
        Assert.Contains(await pair.Zoom.MeetingsAsync(), m => m.Id == meeting.Id);

        await pair.StartInstanceAsync();
        await pair.Kit.UpdateAsync(classId, form => form.Name = "Outside Flow, renamed");
        var renamed = await Eventually.ReturnsAsync(pair.Zoom.MeetingsAsync,
            meetings => meetings.Any(m => m.Id == meeting.Id && m.Topic == "Outside Flow, renamed"), what: "The same meeting renamed by the restarted app");
        Assert.Single(renamed, m => m.Agenda == MeetingTestKit.AgendaFor(classId));
        Assert.Equal(meeting.JoinUrl, (await pair.RowsAsync([classId]))[classId].JoinUrl);
    }
}
