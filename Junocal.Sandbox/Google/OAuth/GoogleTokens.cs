namespace Junocal.Sandbox.Google.OAuth;

public enum GoogleTokenKind
{
    Access,
    Refresh,
}

/// <summary>Why a token stopped working before (or at) its expiry.</summary>
public enum GoogleTokenEnd
{
    /// <summary>The revoke endpoint was called with this token or one of the same grant.</summary>
    Revoked,

    /// <summary>The user removed the app's access in their Google Account.</summary>
    AccessRemoved,

    /// <summary>A new refresh token beyond the per-client cap evicted this, the oldest.</summary>
    Evicted,

    /// <summary>A refresh answered with a new refresh token (the rotation knob).</summary>
    Rotated,
}

/// <summary>
/// An issued token. The value is here for tests; the sandbox never logs or displays it. A refresh token's
/// <see cref="ExpiresAt"/> is null unless the app was in Testing when the user consented.
/// </summary>
public sealed record GoogleToken(
    string Value,
    GoogleTokenKind Kind,
    string UserSub,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    string? RefreshToken,
    DateTimeOffset? EndedAt = null,
    GoogleTokenEnd? EndReason = null)
{
    public bool IsEnded => EndedAt is not null;
}

/// <summary>What a user granted the client, the union of every consent (Google's incremental authorization).</summary>
public sealed record GoogleGrant(string UserSub, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt);

internal sealed record GoogleAuthCode(
    string Code,
    string UserSub,
    IReadOnlyList<string> Scopes,
    string RedirectUri,
    string? CodeChallenge,
    string CodeChallengeMethod,
    bool Offline,
    bool ForcedConsent,
    string? Nonce,
    DateTimeOffset IssuedAt);

/// <summary>What the consent page was asked for, carried from the authorize GET to the decision POST.</summary>
internal sealed record GoogleConsentRequest(
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string CodeChallengeMethod,
    string? AccessType,
    string? Prompt,
    bool IncludeGrantedScopes,
    string? LoginHint,
    string? Nonce);
