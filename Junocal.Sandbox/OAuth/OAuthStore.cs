using Junocal.Sandbox.Http;
using Junocal.Sandbox.Users;

namespace Junocal.Sandbox.OAuth;

internal sealed record TokenPair(SandboxToken Access, SandboxToken Refresh, SandboxGrant Grant);

internal enum TokenFailure
{
    None,
    InvalidCode,
    ExpiredCode,
    RedirectMismatch,
    PkceMismatch,
    InvalidRefreshToken,
}

internal sealed record TokenResult(TokenPair? Tokens, TokenFailure Failure)
{
    public static TokenResult Fail(TokenFailure failure) => new(null, failure);
}

internal enum AccessFailure
{
    None,
    Invalid,
    Expired,
}

internal sealed record AccessCheck(SandboxGrant? Grant, ZoomTestUser? User, AccessFailure Failure);

/// <summary>Authorization codes, grants and tokens, with Zoom's lifetimes and invalidation rules.</summary>
internal sealed class OAuthStore(TimeProvider time, string clientId)
{
    // Codes live 5 minutes and are single-use (https://developers.zoom.us/docs/integrations/oauth-error-messages/).
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    // Access tokens live 1 hour (https://devsupport.zoom.us/hc/en-us/articles/360060332931-Extending-the-expiration-for-an-OAuth-access-token).
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    // Same source: "Refresh tokens expire after 15 years".
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(365 * 15);

    private readonly Lock _gate = new();
    private readonly TokenMinter _minter = new();
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxGrant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxToken> _tokens = new(StringComparer.Ordinal);

    public IReadOnlyList<SandboxGrant> Grants
    {
        get
        {
            lock (_gate)
            {
                return [.. _grants.Values.OrderBy(grant => grant.GrantedAt)];
            }
        }
    }

    public IReadOnlyList<SandboxToken> Tokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens.Values.OrderBy(token => token.IssuedAt)];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _codes.Clear();
            _grants.Clear();
            _tokens.Clear();
        }
    }

    public string IssueCode(ZoomTestUser user, ConsentRequest request)
    {
        var code = new AuthorizationCode(
            SandboxIds.NewSecret(24), user.Id, request.Scopes, request.RedirectUri,
            request.CodeChallenge, request.CodeChallengeMethod, time.GetUtcNow());
        lock (_gate)
        {
            _codes[code.Code] = code;
        }

        return code.Code;
    }

    public TokenResult ExchangeCode(string code, string? redirectUri, string? codeVerifier)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Any attempt consumes the code, so a replayed or failed exchange cannot be retried.
            if (!_codes.Remove(code, out var issued))
            {
                return TokenResult.Fail(TokenFailure.InvalidCode);
            }

            if (now - issued.IssuedAt >= CodeLifetime)
            {
                return TokenResult.Fail(TokenFailure.ExpiredCode);
            }

            if (!string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return TokenResult.Fail(TokenFailure.RedirectMismatch);
            }

            if (!Pkce.Verifies(issued.CodeChallenge, issued.CodeChallengeMethod, codeVerifier))
            {
                return TokenResult.Fail(TokenFailure.PkceMismatch);
            }

            var user = TestUsers.Find(issued.UserId)!;
            SupersedeGrantsOf(user.Id, now);
            var grant = new SandboxGrant(SandboxIds.NewSecret(12), user.Id, user.AccountId, clientId, issued.Scopes, now);
            _grants[grant.Id] = grant;
            return new TokenResult(IssuePair(grant, user, now), TokenFailure.None);
        }
    }

    public TokenResult Refresh(string refreshToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tokens.TryGetValue(refreshToken, out var token)
                || token.Kind != SandboxTokenKind.Refresh
                || token.RevokedAt is not null
                || token.ExpiresAt <= now
                || !_grants.TryGetValue(token.GrantId, out var grant)
                || !grant.IsActive)
            {
                return TokenResult.Fail(TokenFailure.InvalidRefreshToken);
            }

            // Rotation: the used refresh token stops working at once
            // (https://devforum.zoom.us/t/how-to-properly-use-the-access-token/77706).
            _tokens[refreshToken] = token with { RevokedAt = now };
            return new TokenResult(IssuePair(grant, TestUsers.Find(grant.UserId)!, now), TokenFailure.None);
        }
    }

    public AccessCheck Authenticate(string? accessToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (accessToken is null
                || !_tokens.TryGetValue(accessToken, out var token)
                || token.Kind != SandboxTokenKind.Access
                || token.RevokedAt is not null
                || !_grants.TryGetValue(token.GrantId, out var grant)
                || !grant.IsActive)
            {
                return new AccessCheck(null, null, AccessFailure.Invalid);
            }

            return token.ExpiresAt <= now
                ? new AccessCheck(null, null, AccessFailure.Expired)
                : new AccessCheck(grant, TestUsers.Find(grant.UserId), AccessFailure.None);
        }
    }

    /// <summary>Ends the grant a token (access or refresh) belongs to; null when the token is unknown or dead.</summary>
    public SandboxGrant? RevokeByToken(string tokenValue)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(tokenValue, out var token) && token.RevokedAt is null
                ? EndGrant(token.GrantId, GrantEnd.Revoked)
                : null;
        }
    }

    /// <summary>Ends the user's active grants of this app; returns those that were active.</summary>
    public IReadOnlyList<SandboxGrant> Uninstall(string userId)
    {
        lock (_gate)
        {
            var active = _grants.Values.Where(grant => grant.UserId == userId && grant.IsActive).Select(grant => grant.Id).ToList();
            return [.. active.Select(id => EndGrant(id, GrantEnd.Uninstalled)).OfType<SandboxGrant>()];
        }
    }

    private void SupersedeGrantsOf(string userId, DateTimeOffset now)
    {
        foreach (var grant in _grants.Values.Where(grant => grant.UserId == userId && grant.IsActive).ToList())
        {
            _grants[grant.Id] = grant with { EndedAt = now, EndReason = GrantEnd.Superseded };
        }
    }

    private SandboxGrant? EndGrant(string grantId, GrantEnd reason)
    {
        if (!_grants.TryGetValue(grantId, out var grant) || !grant.IsActive)
        {
            return null;
        }

        var ended = grant with { EndedAt = time.GetUtcNow(), EndReason = reason };
        _grants[grantId] = ended;
        return ended;
    }

    private TokenPair IssuePair(SandboxGrant grant, ZoomTestUser user, DateTimeOffset now)
    {
        var access = Issue(SandboxTokenKind.Access, grant, user, now, now + AccessTokenLifetime);
        var refresh = Issue(SandboxTokenKind.Refresh, grant, user, now, now + RefreshTokenLifetime);
        return new TokenPair(access, refresh, grant);
    }

    private SandboxToken Issue(SandboxTokenKind kind, SandboxGrant grant, ZoomTestUser user, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var token = new SandboxToken(_minter.Mint(kind, user, clientId, now, expiresAt), kind, grant.Id, now, expiresAt);
        _tokens[token.Value] = token;
        return token;
    }
}
