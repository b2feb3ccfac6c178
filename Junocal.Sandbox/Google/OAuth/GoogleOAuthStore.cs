using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.OAuth;

namespace Junocal.Sandbox.Google.OAuth;

internal enum ExchangeFailure
{
    None,
    BadCode,
    RedirectMismatch,
    PkceMismatch,
    MissingVerifier,
}

internal sealed record IssuedTokens(GoogleToken Access, GoogleToken? Refresh, GoogleTestUser User, string? Nonce);

internal sealed record ExchangeResult(IssuedTokens? Tokens, ExchangeFailure Failure);

/// <summary>The user and scopes behind a live access token.</summary>
internal sealed record AccessGrant(GoogleTestUser User, IReadOnlyList<string> Scopes, GoogleToken Token);

/// <summary>Authorization codes, grants and tokens, with Google's lifetimes and the ways Google kills refresh tokens.</summary>
internal sealed class GoogleOAuthStore(TimeProvider time, GoogleKnobs knobs)
{
    // "Authorization codes ... expire after 10 minutes" is the sandbox contract's choice (docs/google-sandbox.md).
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    // Testing-mode authorizations "expire seven days from the time of consent" (https://support.google.com/cloud/answer/10311615).
    public static readonly TimeSpan TestingModeLifetime = TimeSpan.FromDays(7);

    // A refresh token "that has not been used for six months" stops working (https://developers.google.com/identity/protocols/oauth2).
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(182);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GoogleAuthCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoogleToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoogleGrant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refreshOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastUsed = new(StringComparer.Ordinal);
    private long _issued;

    public IReadOnlyList<GoogleToken> Tokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens.Values.OrderBy(token => token.IssuedAt)];
            }
        }
    }

    public IReadOnlyList<GoogleGrant> Grants
    {
        get
        {
            lock (_gate)
            {
                return [.. _grants.Values.OrderBy(grant => grant.GrantedAt)];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _codes.Clear();
            _tokens.Clear();
            _grants.Clear();
            _refreshOrder.Clear();
            _lastUsed.Clear();
        }
    }

    public GoogleGrant? GrantOf(string userSub)
    {
        lock (_gate)
        {
            return _grants.GetValueOrDefault(userSub);
        }
    }

    /// <summary>Records the consent and returns a single-use code for the scopes granted.</summary>
    public string IssueCode(GoogleTestUser user, GoogleConsentRequest request, IReadOnlyList<string> granted)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var scopes = granted;
            if (request.IncludeGrantedScopes && _grants.TryGetValue(user.Sub, out var earlier))
            {
                scopes = [.. earlier.Scopes.Union(granted, StringComparer.Ordinal)];
            }

            var union = _grants.TryGetValue(user.Sub, out var existing)
                ? existing with { Scopes = [.. existing.Scopes.Union(granted, StringComparer.Ordinal)] }
                : new GoogleGrant(user.Sub, granted, now);
            _grants[user.Sub] = union;
            var code = new GoogleAuthCode(
                "4/0" + SandboxIds.NewSecret(32), user.Sub, scopes, request.RedirectUri, request.CodeChallenge, request.CodeChallengeMethod,
                request.AccessType == "offline", HasConsentPrompt(request.Prompt), request.Nonce, now);
            _codes[code.Code] = code;
            return code.Code;
        }
    }

    public ExchangeResult Exchange(string code, string? redirectUri, string? codeVerifier)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Any attempt consumes the code: a replay, or a retry after a failed exchange, is invalid_grant.
            if (!_codes.Remove(code, out var issued) || now - issued.IssuedAt >= CodeLifetime)
            {
                return new ExchangeResult(null, ExchangeFailure.BadCode);
            }

            if (!string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return new ExchangeResult(null, ExchangeFailure.RedirectMismatch);
            }

            if (issued.CodeChallenge is not null && string.IsNullOrEmpty(codeVerifier))
            {
                return new ExchangeResult(null, ExchangeFailure.MissingVerifier);
            }

            if (!Pkce.Verifies(issued.CodeChallenge, issued.CodeChallengeMethod, codeVerifier))
            {
                return new ExchangeResult(null, ExchangeFailure.PkceMismatch);
            }

            var user = GoogleTestUsers.Find(issued.UserSub)!;
            GoogleToken? refresh = null;
            // A refresh token comes with offline access the first time, or again when consent was forced (docs/google-sandbox.md).
            if (issued.Offline && (issued.ForcedConsent || !HasLiveRefreshToken(user.Sub, now)))
            {
                refresh = IssueRefresh(user, issued.Scopes, now);
            }

            var access = IssueAccess(user, issued.Scopes, refresh?.Value, now);
            return new ExchangeResult(new IssuedTokens(access, refresh, user, issued.Nonce), ExchangeFailure.None);
        }
    }

    /// <summary>A new access token for a live refresh token; null when Google would answer invalid_grant.</summary>
    public IssuedTokens? Refresh(string refreshToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tokens.TryGetValue(refreshToken, out var token) || token.Kind != GoogleTokenKind.Refresh || !IsLive(token, now)
                || now - _lastUsed.GetValueOrDefault(refreshToken, token.IssuedAt) >= IdleLifetime)
            {
                return null;
            }

            _lastUsed[refreshToken] = now;

            var user = GoogleTestUsers.Find(token.UserSub)!;
            GoogleToken? rotated = null;
            if (knobs.RotateRefreshTokens)
            {
                _tokens[token.Value] = token with { EndedAt = now, EndReason = GoogleTokenEnd.Rotated };
                rotated = IssueRefresh(user, token.Scopes, now, token.ExpiresAt);
            }

            var access = IssueAccess(user, token.Scopes, (rotated ?? token).Value, now);
            return new IssuedTokens(access, rotated, user, null);
        }
    }

    public AccessGrant? Authenticate(string? accessToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (accessToken is null
                || !_tokens.TryGetValue(accessToken, out var token)
                || token.Kind != GoogleTokenKind.Access
                || !IsLive(token, now))
            {
                return null;
            }

            return new AccessGrant(GoogleTestUsers.Find(token.UserSub)!, token.Scopes, token);
        }
    }

    /// <summary>
    /// Revokes the whole grant the token belongs to: every refresh and access token of that user for this client,
    /// as removing the app's access does. False when the token is unknown or already dead.
    /// </summary>
    public bool Revoke(string tokenValue)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenValue, out var token) || !IsLive(token, now))
            {
                return false;
            }

            EndAllOf(token.UserSub, GoogleTokenEnd.Revoked, now);
            return true;
        }
    }

    /// <summary>"Remove access" in the user's Google Account: every token dies and the grant is forgotten.</summary>
    public bool RemoveAccess(string userSub)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var hadGrant = _grants.Remove(userSub);
            return EndAllOf(userSub, GoogleTokenEnd.AccessRemoved, now) || hadGrant;
        }
    }

    public static bool IsLive(GoogleToken token, DateTimeOffset now) =>
        token.EndedAt is null && (token.ExpiresAt is not { } expiry || expiry > now);

    public bool HasLiveAccess(string userSub)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _grants.ContainsKey(userSub) && _tokens.Values.Any(token => token.UserSub == userSub && IsLive(token, now));
        }
    }

    private static bool HasConsentPrompt(string? prompt) =>
        prompt?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("consent", StringComparer.Ordinal) == true;

    private bool EndAllOf(string userSub, GoogleTokenEnd reason, DateTimeOffset now)
    {
        var ended = false;
        foreach (var token in _tokens.Values.Where(token => token.UserSub == userSub && token.EndedAt is null).ToList())
        {
            _tokens[token.Value] = token with { EndedAt = now, EndReason = reason };
            ended = true;
        }

        if (reason == GoogleTokenEnd.Revoked)
        {
            _grants.Remove(userSub);
        }

        return ended;
    }

    private bool HasLiveRefreshToken(string userSub, DateTimeOffset now) =>
        _tokens.Values.Any(token => token.Kind == GoogleTokenKind.Refresh && token.UserSub == userSub && IsLive(token, now));

    private GoogleToken IssueRefresh(GoogleTestUser user, IReadOnlyList<string> scopes, DateTimeOffset now, DateTimeOffset? inheritedExpiry = null)
    {
        var expiresAt = inheritedExpiry;
        if (inheritedExpiry is null && knobs.TestingMode && !scopes.All(GoogleScopes.IsSignIn))
        {
            expiresAt = now + TestingModeLifetime;
        }

        var token = new GoogleToken("1//0" + SandboxIds.NewSecret(40), GoogleTokenKind.Refresh, user.Sub, scopes, now, expiresAt, null);
        _tokens[token.Value] = token;
        _refreshOrder[token.Value] = ++_issued;
        EvictBeyondCap(user.Sub, now);
        return token;
    }

    private void EvictBeyondCap(string userSub, DateTimeOffset now)
    {
        var live = _tokens.Values
            .Where(token => token.Kind == GoogleTokenKind.Refresh && token.UserSub == userSub && IsLive(token, now))
            .OrderBy(token => _refreshOrder[token.Value])
            .ToList();
        foreach (var oldest in live.Take(Math.Max(0, live.Count - Math.Max(1, knobs.RefreshTokenCap))))
        {
            _tokens[oldest.Value] = oldest with { EndedAt = now, EndReason = GoogleTokenEnd.Evicted };
        }
    }

    private GoogleToken IssueAccess(GoogleTestUser user, IReadOnlyList<string> scopes, string? refreshToken, DateTimeOffset now)
    {
        var token = new GoogleToken("ya29." + SandboxIds.NewSecret(48), GoogleTokenKind.Access, user.Sub, scopes, now, now + AccessTokenLifetime, refreshToken);
        _tokens[token.Value] = token;
        return token;
    }
}
