using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junocal.Sandbox.Http;

namespace Junocal.Sandbox.Meetings;

/// <summary>Field limits Zoom applies to a create or PATCH body.</summary>
internal static partial class MeetingRules
{
    // Topic max 200, agenda max 2,000, passcode max 10 of [a-zA-Z0-9@-_*]
    // (https://apis.io/schemas/zoom/zoom-meeting-meeting-create-request/).
    public const int MaxTopicLength = 200;
    public const int MaxAgendaLength = 2000;
    public const int MaxPasswordLength = 10;

    // No source states duration bounds; the sandbox accepts 1 minute to 24 hours so a zero, negative or
    // minutes-vs-seconds mistake fails loudly.
    public const int MinDuration = 1;
    public const int MaxDuration = 24 * 60;

    /// <summary>Validates the fields that were sent; returns the first failure or null.</summary>
    public static ZoomErrorResult? Check(MeetingInput input)
    {
        if (input.Topic is { Length: > MaxTopicLength })
        {
            return ZoomErrors.Validation("topic", $"Topic must be at most {MaxTopicLength} characters.");
        }

        if (input.Agenda is { Length: > MaxAgendaLength })
        {
            return ZoomErrors.Validation("agenda", $"Agenda must be at most {MaxAgendaLength} characters.");
        }

        if (input.Duration is < MinDuration or > MaxDuration)
        {
            return ZoomErrors.Validation("duration", $"Duration must be between {MinDuration} and {MaxDuration} minutes.");
        }

        if (input.Password is { } password && (password.Length > MaxPasswordLength || !PasscodePattern().IsMatch(password)))
        {
            return ZoomErrors.Validation("password", "Passcode may only contain a-z A-Z 0-9 @ - _ * and at most 10 characters.");
        }

        // Types: 1 instant, 2 scheduled, 3 and 8 recurring (https://docs.sim.ai/zh/tools/zoom); the sandbox models
        // single meetings only.
        if (input.Type is { } type && type is not (1 or 2))
        {
            return ZoomErrors.Validation("type", "The sandbox supports meeting types 1 and 2 only.");
        }

        if (input.Timezone is { } timezone && ZoomStartTime.FindZone(timezone) is null)
        {
            return ZoomErrors.Validation("timezone", $"Invalid timezone: {timezone}.");
        }

        return null;
    }

    /// <summary>Sent settings override <paramref name="current"/>; a wrongly typed one is a validation error.</summary>
    public static (MeetingSettings Settings, ZoomErrorResult? Error) MergeSettings(MeetingSettings current, JsonObject? sent)
    {
        if (sent is null)
        {
            return (current, null);
        }

        try
        {
            return (current with
            {
                HostVideo = Bool(sent, "host_video") ?? current.HostVideo,
                ParticipantVideo = Bool(sent, "participant_video") ?? current.ParticipantVideo,
                JoinBeforeHost = Bool(sent, "join_before_host") ?? current.JoinBeforeHost,
                JbhTime = Int(sent, "jbh_time") ?? current.JbhTime,
                MuteUponEntry = Bool(sent, "mute_upon_entry") ?? current.MuteUponEntry,
                WaitingRoom = Bool(sent, "waiting_room") ?? current.WaitingRoom,
                ApprovalType = Int(sent, "approval_type") ?? current.ApprovalType,
                Audio = Text(sent, "audio") ?? current.Audio,
                AutoRecording = Text(sent, "auto_recording") ?? current.AutoRecording,
            }, null);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException)
        {
            return (current, ZoomErrors.Validation("settings", "Invalid field in settings."));
        }
    }

    private static bool? Bool(JsonObject settings, string name) =>
        settings[name] is { } node
            ? node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? node.GetValue<bool>() : throw new FormatException(name)
            : null;

    private static int? Int(JsonObject settings, string name) => settings[name]?.GetValue<int>();

    private static string? Text(JsonObject settings, string name) => settings[name]?.GetValue<string>();

    [GeneratedRegex("^[a-zA-Z0-9@\\-_*]*$")]
    private static partial Regex PasscodePattern();
}
