using System.Collections.Concurrent;
using Junocal.Domain.Auditing;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Hands out a valid Google access token per studio. Google does not rotate refresh tokens (docs/google-meet.md,
/// "Tokens"), so two instances refreshing at once harm nothing; in one process a refresh is still single-flight per
/// studio. A refresh token in a response replaces the stored one; otherwise the stored one is kept. A token in
/// memory is handed out only while its connection is still connected.
/// </summary>
public sealed partial class GoogleTokenStore(
    SystemDbContextFactory contexts,
    GoogleOAuthClient oauth,
    ITokenVault vault,
    TimeProvider clock,
    ILogger<GoogleTokenStore> logger)
{
    private static readonly TimeSpan RefreshEarly = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, (string Token, DateTimeOffset ExpiresAt, Guid ConnectionId)> _memory = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>A token for the studio; <paramref name="rejected"/> is one Google just refused (401), never handed out again.</summary>
    public async Task<GoogleAccessResult> GetAsync(Guid studioId, CancellationToken cancellationToken, string? rejected = null)
    {
        if (await CachedAsync(studioId, rejected, cancellationToken) is { } cached)
        {
            return GoogleAccessResult.Granted(cached);
        }

        var gate = _gates.GetOrAdd(studioId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await CachedAsync(studioId, rejected, cancellationToken) is { } refreshed
                ? GoogleAccessResult.Granted(refreshed)
                : await LoadOrRefreshAsync(studioId, rejected, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The refresh token of a connected (or disconnecting) studio, for stopping channels and revoking.</summary>
    public async Task<string?> RefreshTokenAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var encrypted = await db.GoogleConnections.Select(c => c.EncryptedRefreshToken).SingleOrDefaultAsync(cancellationToken);
        return encrypted is not null && vault.Unprotect(encrypted, TokenPurpose.GoogleRefreshToken, studioId) is { Succeeded: true } plain
            ? plain.Plaintext
            : null;
    }

    public void Remember(Guid studioId, Guid connectionId, GoogleTokens tokens) =>
        _memory[studioId] = (tokens.AccessToken, tokens.ExpiresAt, connectionId);

    public void Forget(Guid studioId) => _memory.TryRemove(studioId, out _);

    private async Task<string?> CachedAsync(Guid studioId, string? rejected, CancellationToken cancellationToken)
    {
        if (!_memory.TryGetValue(studioId, out var entry) || entry.ExpiresAt - RefreshEarly <= clock.GetUtcNow() || entry.Token == rejected)
        {
            return null;
        }

        await using var db = contexts.CreateDbContext(studioId);
        if (await db.GoogleConnections.AnyAsync(c => c.Id == entry.ConnectionId && c.Status == GoogleConnectionStatus.Connected, cancellationToken))
        {
            return entry.Token;
        }

        Forget(studioId);
        return null;
    }

    private async Task<GoogleAccessResult> LoadOrRefreshAsync(Guid studioId, string? rejected, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken);
        if (connection is null || connection.Status == GoogleConnectionStatus.Disconnecting)
        {
            Forget(studioId);
            return GoogleAccessResult.NotConnected;
        }

        if (connection.Status == GoogleConnectionStatus.ReconnectRequired)
        {
            Forget(studioId);
            return GoogleAccessResult.ReconnectRequired;
        }

        var now = clock.GetUtcNow();
        var row = await db.GoogleAccessTokens.SingleOrDefaultAsync(cancellationToken);
        if (row is not null && row.ExpiresAt - RefreshEarly > now
            && vault.Unprotect(row.EncryptedToken, TokenPurpose.GoogleAccessToken, studioId) is { Succeeded: true } stored
            && stored.Plaintext != rejected)
        {
            _memory[studioId] = (stored.Plaintext!, row.ExpiresAt, connection.Id);
            return GoogleAccessResult.Granted(stored.Plaintext!);
        }

        var refreshToken = vault.Unprotect(connection.EncryptedRefreshToken, TokenPurpose.GoogleRefreshToken, studioId);
        var result = refreshToken.Succeeded
            ? await oauth.RefreshAsync(refreshToken.Plaintext!, CancellationToken.None)
            : GoogleTokenResult.InvalidGrant;
        if (result.Tokens is not { } tokens)
        {
            Forget(studioId);
            if (!result.IsInvalidGrant)
            {
                return GoogleAccessResult.Failed(result.Error!);
            }

            await RequireReconnectAsync(db, connection, RefusedGrant);
            return GoogleAccessResult.ReconnectRequired;
        }

        if (tokens.RefreshToken is { Length: > 0 } newRefresh)
        {
            connection.ReplaceRefreshToken(vault.Protect(newRefresh, TokenPurpose.GoogleRefreshToken, studioId));
        }

        var encryptedAccess = vault.Protect(tokens.AccessToken, TokenPurpose.GoogleAccessToken, studioId);
        if (row is null)
        {
            db.GoogleAccessTokens.Add(GoogleAccessToken.Issue(studioId, encryptedAccess, tokens.ExpiresAt));
        }
        else
        {
            row.Replace(encryptedAccess, tokens.ExpiresAt);
        }

        await SaveIgnoringRaceAsync(db);
        _memory[studioId] = (tokens.AccessToken, tokens.ExpiresAt, connection.Id);
        LogRefreshed(logger, studioId);
        return GoogleAccessResult.Granted(tokens.AccessToken);
    }

    /// <summary>
    /// Google answered that the grant lacks a scope Junocal needs (403 insufficientPermissions): only a new consent
    /// gives it back, so the connection waits for the owner exactly as after a refused refresh.
    /// </summary>
    public async Task<GoogleAccessResult> ScopeMissingAsync(Guid studioId, CancellationToken cancellationToken)
    {
        Forget(studioId);
        await using var db = contexts.CreateDbContext(studioId);
        if (await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken) is { Status: GoogleConnectionStatus.Connected } connection)
        {
            await RequireReconnectAsync(db, connection, MissingScope);
        }

        return GoogleAccessResult.ReconnectRequired;
    }

    private const string RefusedGrant = "Google no longer accepts Junocal's access: it was removed in the Google Account, expired, or the account's password or security settings changed.";

    private const string MissingScope = "Google says Junocal's access no longer includes its calendar permission. Reconnect Google and keep every box on the consent screen ticked.";

    private async Task RequireReconnectAsync(JunocalDbContext db, GoogleConnection connection, string reason)
    {
        connection.RequireReconnect(reason);
        db.AuditEntries.Add(AuditEntry.Record(connection.StudioId, clock.GetUtcNow(), "Google Meet", AuditActions.GoogleReconnectRequired,
            "Google refused Junocal's access; the owner must reconnect Google."));
        await SaveIgnoringRaceAsync(db);
        LogReconnectRequired(logger, connection.StudioId);
    }

    /// <summary>Another instance (refreshing too, or disconnecting) changed the rows at the same moment; the token still works.</summary>
    private static async Task SaveIgnoringRaceAsync(JunocalDbContext db)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
        }
    }

    [LoggerMessage(EventId = LogEvents.GoogleMeet.TokensRefreshed, Level = LogLevel.Information, Message = "Refreshed the Google access token of studio {StudioId}")]
    private static partial void LogRefreshed(ILogger logger, Guid studioId);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.GrantRefused, Level = LogLevel.Warning, Message = "Google refused the grant of studio {StudioId}; reconnect required")]
    private static partial void LogReconnectRequired(ILogger logger, Guid studioId);
}

public sealed record GoogleAccessResult(GoogleAccessState State, string? AccessToken, string? Error)
{
    public static GoogleAccessResult NotConnected { get; } = new(GoogleAccessState.NotConnected, null, "Google is not connected.");

    public static GoogleAccessResult ReconnectRequired { get; } = new(GoogleAccessState.ReconnectRequired, null, "Google needs to be reconnected.");

    public static GoogleAccessResult Granted(string token) => new(GoogleAccessState.Granted, token, null);

    public static GoogleAccessResult Failed(string error) => new(GoogleAccessState.Failed, null, error);
}

public enum GoogleAccessState
{
    Granted,
    NotConnected,
    ReconnectRequired,
    Failed,
}
