using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Meetings;

/// <summary>Where sandbox <c>join_url</c>/<c>start_url</c> links land, so a link in an email opens something.</summary>
internal static class JoinPage
{
    public static IResult Render(string meetingId, ZoomSandboxState sandbox)
    {
        var meeting = long.TryParse(meetingId, out var id) ? sandbox.FindMeeting(id) : null;
        return meeting is null
            ? HtmlPage.Render("Meeting not found", "<h1>This meeting does not exist</h1><p>It may have been deleted.</p>", StatusCodes.Status404NotFound)
            : HtmlPage.Render(meeting.Topic,
                $"<h1>{HtmlPage.Encode(meeting.Topic)}</h1><p>You would now join this meeting in Zoom. This is the sandbox, so there is no call.</p>"
                + $"<p>Starts {ZoomStartTime.Format(meeting.StartTime)} ({HtmlPage.Encode(meeting.Timezone)}), {meeting.Duration} minutes.</p>");
    }
}
