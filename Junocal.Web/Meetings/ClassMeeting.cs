using Junocal.Domain;

namespace Junocal.Web.Meetings;

/// <summary>
/// The actual meeting of a class and where its synchronisation stands: the provider's id, join URL and password
/// (what the help page says is stored per meeting), the fingerprint of what was last sent, and the state the owner
/// sees. One row per class that has or wants a meeting; removed with the meeting.
/// </summary>
public sealed class ClassMeeting : IStudioOwned
{
    public const int MaxErrorLength = 500;

    private ClassMeeting()
    {
    }

    public Guid ClassSessionId { get; private set; }
    public Guid StudioId { get; private set; }
    public string? ExternalId { get; private set; }
    public string? JoinUrl { get; private set; }
    public string? Password { get; private set; }
    public string? SentFingerprint { get; private set; }
    public MeetingSyncState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public int Version { get; private set; }

    public static ClassMeeting Want(Guid studioId, Guid classId, DateTimeOffset now) => new()
    {
        ClassSessionId = classId,
        StudioId = studioId,
        State = MeetingSyncState.Pending,
        NextAttemptAt = now,
        Version = 1,
    };

    /// <summary>Takes the row for one sync; a second worker's save then fails, and a crash leaves it due after the lease.</summary>
    public void Claim(DateTimeOffset leaseUntil)
    {
        NextAttemptAt = leaseUntil;
        Version++;
    }

    /// <summary>The class changed: whatever the state, work is due now.</summary>
    public void MarkPending(DateTimeOffset now)
    {
        State = MeetingSyncState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LastError = null;
        Version++;
    }

    public void Linked(CreatedMeeting meeting, string fingerprint)
    {
        ExternalId = meeting.ExternalId;
        JoinUrl = meeting.JoinUrl;
        Password = meeting.Password;
        Settled(fingerprint);
    }

    public void Settled(string fingerprint)
    {
        SentFingerprint = fingerprint;
        State = MeetingSyncState.Linked;
        Attempts = 0;
        NextAttemptAt = null;
        LastError = null;
        Version++;
    }

    /// <summary>The meeting is gone at the provider: the dead link goes with it.</summary>
    public void RemovedInProvider()
    {
        ExternalId = null;
        JoinUrl = null;
        Password = null;
        SentFingerprint = null;
        State = MeetingSyncState.RemovedInZoom;
        NextAttemptAt = null;
        Version++;
    }

    public void Forget()
    {
        ExternalId = null;
        JoinUrl = null;
        Password = null;
        SentFingerprint = null;
        Version++;
    }

    public void Retry(DateTimeOffset at, string reason)
    {
        Attempts++;
        State = MeetingSyncState.Retrying;
        NextAttemptAt = at;
        LastError = Truncate(reason);
        Version++;
    }

    public void Defer(MeetingSyncState state, DateTimeOffset? until, string reason)
    {
        State = state;
        NextAttemptAt = until;
        LastError = Truncate(reason);
        Version++;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}

public enum MeetingSyncState
{
    /// <summary>"Creating Zoom meeting…" — work is due.</summary>
    Pending,

    Linked,
    Retrying,
    WaitingReconnect,
    DailyLimit,
    RemovedInZoom,
    Failed,

    /// <summary>Zoom is not connected (disconnected or never connected).</summary>
    LinkNeeded,
}
