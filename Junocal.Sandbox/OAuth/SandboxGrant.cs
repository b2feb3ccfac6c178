namespace Junocal.Sandbox.OAuth;

/// <summary>A user's authorization of the app: what the consent page granted, and whether it still stands.</summary>
public sealed record SandboxGrant(
    string Id,
    string UserId,
    string AccountId,
    string ClientId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset GrantedAt,
    DateTimeOffset? EndedAt = null,
    GrantEnd? EndReason = null)
{
    public bool IsActive => EndedAt is null;
}

public enum GrantEnd
{
    /// <summary>The same user authorized the app again; Zoom keeps only the last token set (error 4741).</summary>
    Superseded,
    Revoked,
    Uninstalled,
}

public enum SandboxTokenKind
{
    Access,
    Refresh,
}

/// <summary>An issued token. The value is here for tests; the sandbox never logs or displays it.</summary>
public sealed record SandboxToken(
    string Value,
    SandboxTokenKind Kind,
    string GrantId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null);
