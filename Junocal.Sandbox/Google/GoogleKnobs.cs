namespace Junocal.Sandbox.Google;

/// <summary>What a new Meet conference turns into once its delay has passed.</summary>
public enum ConferenceOutcome
{
    Success,
    Failure,

    /// <summary>The conference stays <c>pending</c> for ever.</summary>
    StaysPending,
}

/// <summary>
/// Behaviours a test (or the dashboard) switches at run time. <see cref="GoogleSandboxState.Reset"/> puts them back to
/// the configured <see cref="GoogleSandboxOptions"/>.
/// </summary>
public sealed class GoogleKnobs
{
    /// <summary>
    /// How long a new conference is <c>pending</c>. <see cref="TimeSpan.Zero"/> answers the insert (or patch) with the
    /// outcome at once.
    /// </summary>
    public TimeSpan ConferenceDelay { get; set; }

    /// <summary>With a value N, the Nth <c>events.get</c> of a pending event sees it resolved, whatever the delay.</summary>
    public int? ConferenceResolvesAfterGets { get; set; }

    public ConferenceOutcome ConferenceOutcome { get; set; }

    /// <summary>Publishing status "Testing": refresh tokens issued from now on die 7 days after consent.</summary>
    public bool TestingMode { get; set; }

    public int RefreshTokenCap { get; set; }

    /// <summary>A refresh answers with a new refresh token and the used one dies (Google normally keeps it).</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Notifications are recorded as dropped and never sent, as Google warns some are.</summary>
    public bool DropNotifications { get; set; }

    /// <summary>The watch answers only after its <c>sync</c> message was delivered: Google may send it first.</summary>
    public bool SyncBeforeWatchResponse { get; set; }

    /// <summary>New calendars do not offer <c>hangoutsMeet</c>; conference requests on them fail.</summary>
    public bool CalendarsWithoutMeet { get; set; }

    /// <summary>The first N <c>events.get</c> after an insert answer 404, as Google's replication may.</summary>
    public int NotFoundGetsAfterInsert { get; set; }

    internal void ResetTo(GoogleSandboxOptions options)
    {
        ConferenceDelay = options.ConferenceDelay;
        ConferenceResolvesAfterGets = null;
        ConferenceOutcome = ConferenceOutcome.Success;
        TestingMode = options.TestingMode;
        RefreshTokenCap = options.RefreshTokenCap;
        RotateRefreshTokens = false;
        DropNotifications = false;
        SyncBeforeWatchResponse = false;
        CalendarsWithoutMeet = false;
        NotFoundGetsAfterInsert = 0;
    }
}
