namespace Junocal.Sandbox.Meetings;

/// <summary>
/// The create/get response, using field names of Rivet's <c>MeetingsCreateMeetingResponse</c>
/// (https://github.com/zoom/rivet-javascript) and the <c>status</c>, <c>host_id</c>, <c>uuid</c> additions of
/// https://developers.zoom.us/changelog/meetings/november-20-2025 .
/// </summary>
internal sealed record MeetingResponse(
    string Uuid,
    long Id,
    string HostId,
    string HostEmail,
    string Topic,
    int Type,
    string Status,
    string StartTime,
    int Duration,
    string Timezone,
    string Agenda,
    string CreatedAt,
    string StartUrl,
    string JoinUrl,
    string Password,
    bool PreSchedule,
    MeetingSettings Settings)
{
    public static MeetingResponse From(SandboxMeeting meeting) => new(
        meeting.Uuid,
        meeting.Id,
        meeting.HostId,
        meeting.HostEmail,
        meeting.Topic,
        meeting.Type,
        "waiting",
        ZoomStartTime.Format(meeting.StartTime),
        meeting.Duration,
        meeting.Timezone,
        meeting.Agenda,
        ZoomStartTime.Format(meeting.CreatedAt),
        meeting.StartUrl,
        meeting.JoinUrl,
        meeting.Password,
        false,
        meeting.Settings);
}
