using Junocal.Domain;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>A studio's current Google access token, encrypted, kept only until it expires (about an hour).</summary>
public sealed class GoogleAccessToken : IStudioOwned
{
    private GoogleAccessToken()
    {
    }

    public Guid StudioId { get; private set; }
    public string EncryptedToken { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }

    public static GoogleAccessToken Issue(Guid studioId, string encryptedToken, DateTimeOffset expiresAt) =>
        new() { StudioId = studioId, EncryptedToken = encryptedToken, ExpiresAt = expiresAt };

    public void Replace(string encryptedToken, DateTimeOffset expiresAt)
    {
        EncryptedToken = encryptedToken;
        ExpiresAt = expiresAt;
    }
}

/// <summary>One "Connect Google" in flight: the hash of its state, who started it, its PKCE verifier (protected). Single use, ten minutes.</summary>
public sealed class GoogleAuthorizationRequest : IStudioOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private GoogleAuthorizationRequest()
    {
    }

    public string StateHash { get; private set; } = "";
    public Guid StudioId { get; private set; }
    public string UserId { get; private set; } = "";
    public string ProtectedVerifier { get; private set; } = "";
    public string RedirectUri { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }

    public static GoogleAuthorizationRequest Start(string stateHash, Guid studioId, string userId, string protectedVerifier, string redirectUri,
        DateTimeOffset now) => new()
        {
            StateHash = stateHash,
            StudioId = studioId,
            UserId = userId,
            ProtectedVerifier = protectedVerifier,
            RedirectUri = redirectUri,
            ExpiresAt = now + Lifetime,
        };
}

/// <summary>
/// One push-notification channel on the studio's Junocal calendar (<c>events.watch</c>): Google echoes its id, the
/// calendar's resource id and its token with every notification. Only the token's hash is kept.
/// </summary>
public sealed class GoogleWatchChannel : IStudioOwned
{
    private GoogleWatchChannel()
    {
    }

    public string ChannelId { get; private set; } = "";
    public Guid StudioId { get; private set; }
    public string? ResourceId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Stored before the watch call: Google's first "sync" message can arrive before the watch answers.</summary>
    public static GoogleWatchChannel Open(string channelId, Guid studioId, string tokenHash, DateTimeOffset expiresAt) =>
        new() { ChannelId = channelId, StudioId = studioId, TokenHash = tokenHash, ExpiresAt = expiresAt };

    public void Watching(string resourceId, DateTimeOffset expiresAt)
    {
        ResourceId = resourceId;
        ExpiresAt = expiresAt;
    }
}

/// <summary>
/// The generation of a class's event on the studio's calendar. The event id is derived from the class and this number
/// (<see cref="GoogleEventIds"/>), so a create repeated after a lost answer finds the same event; Google keeps a
/// deleted event's id reserved, so a class whose event was deleted there gets the next generation.
/// </summary>
public sealed class GoogleClassEvent : IStudioOwned
{
    private GoogleClassEvent()
    {
    }

    public Guid ClassSessionId { get; private set; }
    public Guid StudioId { get; private set; }
    public int Generation { get; private set; }

    /// <summary>The Meet conference of the event once Google made it, to notice Google ever changing the link.</summary>
    public string? ConferenceId { get; private set; }

    /// <summary>When the current conference was asked for: pending for too long, it is asked for again.</summary>
    public DateTimeOffset? ConferenceRequestedAt { get; private set; }

    /// <summary>The createRequest id of the current conference request; a new one asks Google for a new conference.</summary>
    public int ConferenceRequest { get; private set; }

    public static GoogleClassEvent First(Guid studioId, Guid classId) => new() { StudioId = studioId, ClassSessionId = classId };

    public void NextGeneration()
    {
        Generation++;
        ConferenceId = null;
        ConferenceRequestedAt = null;
        ConferenceRequest = 0;
    }

    public void ConferenceRequested(DateTimeOffset now) => ConferenceRequestedAt ??= now;

    public void ConferenceAskedAgain(DateTimeOffset now)
    {
        ConferenceRequest++;
        ConferenceRequestedAt = now;
    }

    public void ConferenceReady(string conferenceId) => ConferenceId = conferenceId;
}
