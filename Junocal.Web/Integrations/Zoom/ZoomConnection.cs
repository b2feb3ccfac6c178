using Junocal.Domain;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// A studio's one connected Zoom account: exactly what the help page says is stored — the Zoom email (once known),
/// user id, account id, and the refresh token encrypted by the token vault — plus whether Zoom still honours it.
/// </summary>
public sealed class ZoomConnection : IStudioOwned
{
    public const int MaxReasonLength = 500;

    private ZoomConnection()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public string ZoomUserId { get; private set; } = "";
    public string? ZoomAccountId { get; private set; }
    public string? ZoomEmail { get; private set; }
    public string EncryptedRefreshToken { get; private set; } = "";
    public string GrantedScopes { get; private set; } = "";
    public DateTimeOffset ConnectedAt { get; private set; }

    /// <summary>When the owner last authorized Junocal at Zoom (connect or reconnect): older deauthorizations are about an earlier grant.</summary>
    public DateTimeOffset AuthorizedAt { get; private set; }
    public ZoomConnectionStatus Status { get; private set; }
    public string? StatusReason { get; private set; }

    /// <summary>While set and in the future, one instance is refreshing the tokens; others wait for its result.</summary>
    public DateTimeOffset? RefreshLeaseUntil { get; private set; }

    /// <summary>
    /// The "Junocal connection check" meeting created to learn the email (<see cref="ZoomConnectionCheck"/>), until
    /// Zoom has confirmed its delete.
    /// </summary>
    public string? CheckMeetingId { get; private set; }

    /// <summary>Why the connection check could not learn the email yet; the card shows it beside the fallback label.</summary>
    public string? CheckProblem { get; private set; }

    /// <summary>When the connection check (or the delete of its meeting) may run next; while it runs, its lease.</summary>
    public DateTimeOffset? CheckDueAt { get; private set; }

    /// <summary>The email is still unknown, or a check meeting still waits to be deleted.</summary>
    public bool NeedsCheck => Status == ZoomConnectionStatus.Connected && (ZoomEmail is null || CheckMeetingId is not null);

    public int Version { get; private set; }

    public static ZoomConnection Connect(Guid studioId, ZoomIdentity identity, string encryptedRefreshToken, string grantedScopes,
        DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(),
            StudioId = studioId,
            ZoomUserId = identity.UserId,
            ZoomAccountId = identity.AccountId,
            ZoomEmail = identity.Email,
            EncryptedRefreshToken = encryptedRefreshToken,
            GrantedScopes = grantedScopes,
            ConnectedAt = now,
            AuthorizedAt = now,
            Status = ZoomConnectionStatus.Connected,
            Version = 1,
        };

    public bool IsSameZoomUser(ZoomIdentity identity) => string.Equals(ZoomUserId, identity.UserId, StringComparison.Ordinal);

    /// <summary>The owner authorized again after Zoom refused the old grant.</summary>
    public void Reconnect(ZoomIdentity identity, string encryptedRefreshToken, string grantedScopes, DateTimeOffset now)
    {
        AuthorizedAt = now;
        ZoomAccountId = identity.AccountId ?? ZoomAccountId;
        ZoomEmail = identity.Email ?? ZoomEmail;
        EncryptedRefreshToken = encryptedRefreshToken;
        GrantedScopes = grantedScopes;
        Status = ZoomConnectionStatus.Connected;
        StatusReason = null;
        RefreshLeaseUntil = null;
        CheckDueAt = null; // a check still owed runs at once
        Version++;
    }

    public void TakeRefreshLease(DateTimeOffset until)
    {
        RefreshLeaseUntil = until;
        Version++;
    }

    public void Rotate(string encryptedRefreshToken)
    {
        EncryptedRefreshToken = encryptedRefreshToken;
        RefreshLeaseUntil = null;
        Version++;
    }

    /// <summary>The owner's Disconnect has begun: the revoke it sends makes Zoom post app_deauthorized, which must not count as an uninstall.</summary>
    public void BeginDisconnect()
    {
        Status = ZoomConnectionStatus.Disconnecting;
        RefreshLeaseUntil = null;
        Version++;
    }

    public void RequireReconnect(string reason)
    {
        Status = ZoomConnectionStatus.ReconnectRequired;
        StatusReason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
        RefreshLeaseUntil = null;
        Version++;
    }

    /// <summary>Zoom told us the email later (e.g. <c>host_email</c> of the first meeting created).</summary>
    public void LearnEmail(string email)
    {
        ZoomEmail = email;
        CheckProblem = null;
        Version++;
    }

    /// <summary>One instance runs the connection check until <paramref name="until"/>; others leave it alone.</summary>
    public void ClaimCheck(DateTimeOffset until)
    {
        CheckDueAt = until;
        Version++;
    }

    /// <summary>The check meeting exists at Zoom and told the host's email; it is deleted next.</summary>
    public void CheckMeetingCreated(string meetingId, string? hostEmail)
    {
        CheckMeetingId = meetingId;
        if (hostEmail is { Length: > 0 })
        {
            ZoomEmail = hostEmail;
            CheckProblem = null;
        }

        Version++;
    }

    public void CheckMeetingDeleted()
    {
        CheckMeetingId = null;
        CheckDueAt = null;
        Version++;
    }

    /// <summary>The check could not create (or delete) its meeting; it runs again at <paramref name="retryAt"/>.</summary>
    public void CheckFailed(string? problem, DateTimeOffset retryAt)
    {
        if (problem is not null && ZoomEmail is null)
        {
            CheckProblem = problem.Length <= MaxReasonLength ? problem : problem[..MaxReasonLength];
        }

        CheckDueAt = retryAt;
        Version++;
    }

    /// <summary>How the owner recognises the account: its email once Zoom has told us, else its user id.</summary>
    public string AccountName => ZoomEmail is { Length: > 0 } email ? email : $"Zoom user {ZoomUserId}";

    public string Label => ZoomEmail is { Length: > 0 } ? $"Connected as {AccountName}" : $"Connected ({AccountName})";
}

public enum ZoomConnectionStatus
{
    Connected,
    ReconnectRequired,

    /// <summary>Disconnect marked the connection, is revoking at Zoom and then deletes it (docs/adr/0008).</summary>
    Disconnecting,
}

/// <summary>Who connected, as far as Zoom told us: the user id always, the account and email when known.</summary>
public sealed record ZoomIdentity(string UserId, string? AccountId, string? Email);
