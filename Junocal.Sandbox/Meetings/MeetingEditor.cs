using System.Globalization;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Users;

namespace Junocal.Sandbox.Meetings;

/// <summary>Turns a validated body into a new meeting or an updated one.</summary>
internal static class MeetingEditor
{
    public static (SandboxMeeting? Meeting, ZoomErrorResult? Error) Create(
        MeetingInput input, ZoomTestUser host, long id, Uri sandboxBase, DateTimeOffset now)
    {
        var timezone = input.Timezone ?? host.Timezone;
        var startTime = now;
        if (input.StartTime is { } sentStart)
        {
            if (ZoomStartTime.Parse(sentStart, ZoomStartTime.FindZone(timezone)!) is not { } parsed)
            {
                return (null, InvalidStartTime(sentStart));
            }

            startTime = parsed;
        }

        var (settings, settingsError) = MeetingRules.MergeSettings(new MeetingSettings(), input.Settings);
        if (settingsError is not null)
        {
            return (null, settingsError);
        }

        var password = input.Password ?? SandboxIds.NewPasscode();
        var meeting = new SandboxMeeting(
            id,
            SandboxIds.NewMeetingUuid(),
            host.Id,
            host.Email,
            host.AccountId,
            input.Topic ?? "Zoom meeting",
            input.Type ?? 2,
            startTime,
            input.Duration ?? 60,
            timezone,
            input.Agenda ?? "",
            password,
            JoinUrl(sandboxBase, id, password),
            new Uri(sandboxBase, $"s/{Id(id)}?zak={SandboxIds.NewSecret(24)}").ToString(),
            settings,
            now);
        return (meeting, null);
    }

    public static (SandboxMeeting? Meeting, ZoomErrorResult? Error) Update(SandboxMeeting meeting, MeetingInput input, Uri sandboxBase)
    {
        // A wall time sent without a zone is read in the meeting's zone, the one Zoom has on file.
        var timezone = input.Timezone ?? meeting.Timezone;
        var startTime = meeting.StartTime;
        if (input.StartTime is { } sentStart)
        {
            if (ZoomStartTime.Parse(sentStart, ZoomStartTime.FindZone(timezone)!) is not { } parsed)
            {
                return (null, InvalidStartTime(sentStart));
            }

            startTime = parsed;
        }

        var (settings, settingsError) = MeetingRules.MergeSettings(meeting.Settings, input.Settings);
        if (settingsError is not null)
        {
            return (null, settingsError);
        }

        var password = input.Password ?? meeting.Password;
        return (meeting with
        {
            Topic = input.Topic ?? meeting.Topic,
            Type = input.Type ?? meeting.Type,
            StartTime = startTime,
            Duration = input.Duration ?? meeting.Duration,
            Timezone = timezone,
            Agenda = input.Agenda ?? meeting.Agenda,
            Password = password,
            // The join link stays as it was unless the passcode embedded in it changes.
            JoinUrl = password == meeting.Password ? meeting.JoinUrl : JoinUrl(sandboxBase, meeting.Id, password),
            Settings = settings,
        }, null);
    }

    private static ZoomErrorResult InvalidStartTime(string value) =>
        ZoomErrors.Validation("start_time", $"Invalid start_time: {value}. Use yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-ddTHH:mm:ss with timezone.");

    private static string JoinUrl(Uri sandboxBase, long id, string password) =>
        new Uri(sandboxBase, $"j/{Id(id)}?pwd={Uri.EscapeDataString(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(password)))}").ToString();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
