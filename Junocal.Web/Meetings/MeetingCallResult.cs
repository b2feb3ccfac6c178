using Junocal.Domain.Meetings;

namespace Junocal.Web.Meetings;

/// <summary>The outcome of one call to a meeting provider, classified for the sync engine.</summary>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Created">The meeting a create made.</param>
/// <param name="Reason">Why the call failed, for the owner.</param>
/// <param name="RetryAt">When the provider asks to be called again, if it said.</param>
/// <param name="Unanswered">
/// The provider gave no answer (timeout, dropped connection): the call may have taken effect there all the same.
/// </param>
public sealed record MeetingCallResult(
    MeetingCallOutcome Outcome, CreatedMeeting? Created = null, string? Reason = null, DateTimeOffset? RetryAt = null, bool Unanswered = false)
{
    public static MeetingCallResult Done { get; } = new(MeetingCallOutcome.Succeeded);

    public static MeetingCallResult NotFound { get; } = new(MeetingCallOutcome.NotFound);

    public static MeetingCallResult Made(CreatedMeeting meeting) => new(MeetingCallOutcome.Succeeded, meeting);
}

public enum MeetingCallOutcome
{
    Succeeded,

    /// <summary>The meeting does not exist at the provider (deleted there).</summary>
    NotFound,

    NotConnected,
    ReconnectRequired,

    /// <summary>Try again later: server error, timeout, dropped connection, per-second limit.</summary>
    Transient,

    /// <summary>The provider's daily quota is used up until <see cref="MeetingCallResult.RetryAt"/>.</summary>
    DailyLimit,

    /// <summary>The provider refused the request as invalid; retrying will not help.</summary>
    Rejected,
}
