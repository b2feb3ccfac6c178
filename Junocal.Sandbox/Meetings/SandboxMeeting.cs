namespace Junocal.Sandbox.Meetings;

/// <summary>A meeting as the sandbox holds it; <see cref="StartTime"/> is the UTC instant Zoom stored.</summary>
public sealed record SandboxMeeting(
    long Id,
    string Uuid,
    string HostId,
    string HostEmail,
    string AccountId,
    string Topic,
    int Type,
    DateTimeOffset StartTime,
    int Duration,
    string Timezone,
    string Agenda,
    string Password,
    string JoinUrl,
    string StartUrl,
    MeetingSettings Settings,
    DateTimeOffset CreatedAt);

/// <summary>The settings the sandbox models; unsent ones keep these defaults, sent ones are echoed.</summary>
public sealed record MeetingSettings(
    bool HostVideo = false,
    bool ParticipantVideo = false,
    bool JoinBeforeHost = false,
    int JbhTime = 0,
    bool MuteUponEntry = false,
    bool WaitingRoom = false,
    int ApprovalType = 2,
    string Audio = "voip",
    string AutoRecording = "none");
