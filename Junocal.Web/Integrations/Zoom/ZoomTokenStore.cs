using System.Collections.Concurrent;
using Junocal.Domain.Auditing;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Hands out a valid access token per studio. Zoom rotates the refresh token on every refresh and kills the old one
/// at once (docs/zoom.md, "OAuth"), so a refresh is single-flight: one per studio in this process (a semaphore) and one
/// across instances (a lease on the connection row, taken under optimistic concurrency). The new pair is committed
/// before the new access token is handed out. A token kept in memory is handed out only while its connection still
/// exists and is connected: another instance may have disconnected the studio.
/// </summary>
public sealed partial class ZoomTokenStore(
    SystemDbContextFactory contexts,
    ZoomOAuthClient oauth,
    ITokenVault vault,
    TimeProvider clock,
    ILogger<ZoomTokenStore> logger)
{
    // Rivet refreshes when 60 s or less remain (docs/zoom.md, "OAuth").
    private static readonly TimeSpan RefreshEarly = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(150);

    private readonly ConcurrentDictionary<Guid, (string Token, DateTimeOffset ExpiresAt, Guid ConnectionId)> _memory = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>A token for the studio; <paramref name="rejected"/> is one Zoom just refused (401/124), never handed out again.</summary>
    public async Task<ZoomAccessResult> GetAsync(Guid studioId, CancellationToken cancellationToken, string? rejected = null)
    {
        if (await CachedAsync(studioId, rejected, cancellationToken) is { } cached)
        {
            return ZoomAccessResult.Granted(cached);
        }

        var gate = _gates.GetOrAdd(studioId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited at the gate.
            return await CachedAsync(studioId, rejected, cancellationToken) is { } refreshed
                ? ZoomAccessResult.Granted(refreshed)
                : await LoadOrRefreshAsync(studioId, rejected, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Remembers a token just issued by a code exchange, so the first call after connecting needs no database read.</summary>
    public void Remember(Guid studioId, Guid connectionId, ZoomTokens tokens) =>
        _memory[studioId] = (tokens.AccessToken, tokens.ExpiresAt, connectionId);

    public void Forget(Guid studioId) => _memory.TryRemove(studioId, out _);

    private async Task<string?> CachedAsync(Guid studioId, string? rejected, CancellationToken cancellationToken)
    {
        if (!_memory.TryGetValue(studioId, out var entry) || entry.ExpiresAt - RefreshEarly <= clock.GetUtcNow() || entry.Token == rejected)
        {
            return null;
        }

        await using var db = contexts.CreateDbContext(studioId);
        if (await db.ZoomConnections.AnyAsync(c => c.Id == entry.ConnectionId && c.Status == ZoomConnectionStatus.Connected, cancellationToken))
        {
            return entry.Token;
        }

        Forget(studioId);
        return null;
    }

    private async Task<ZoomAccessResult> LoadOrRefreshAsync(Guid studioId, string? rejected, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = contexts.CreateDbContext(studioId);
            var connection = await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken);
            if (connection is null)
            {
                Forget(studioId);
                return ZoomAccessResult.NotConnected;
            }

            if (connection.Status == ZoomConnectionStatus.ReconnectRequired)
            {
                Forget(studioId);
                return ZoomAccessResult.ReconnectRequired;
            }

            if (connection.Status == ZoomConnectionStatus.Disconnecting)
            {
                Forget(studioId);
                return ZoomAccessResult.NotConnected;
            }

            var now = clock.GetUtcNow();
            var row = await db.ZoomAccessTokens.SingleOrDefaultAsync(cancellationToken);
            if (row is not null && row.ExpiresAt - RefreshEarly > now
                && vault.Unprotect(row.EncryptedToken, TokenPurpose.ZoomAccessToken, studioId) is { Succeeded: true } stored
                && stored.Plaintext != rejected)
            {
                _memory[studioId] = (stored.Plaintext!, row.ExpiresAt, connection.Id);
                return ZoomAccessResult.Granted(stored.Plaintext!);
            }

            if (connection.RefreshLeaseUntil > now)
            {
                // Another instance is refreshing; its new token will appear in the row.
                await Task.Delay(LeaseWait, clock, cancellationToken);
                continue;
            }

            connection.TakeRefreshLease(now + Lease);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // lost the race for the lease: read again
            }

            return await RefreshAsync(db, connection, row, cancellationToken);
        }
    }

    private async Task<ZoomAccessResult> RefreshAsync(JunocalDbContext db, ZoomConnection connection, ZoomAccessToken? row,
        CancellationToken cancellationToken)
    {
        var studioId = connection.StudioId;
        var refreshToken = vault.Unprotect(connection.EncryptedRefreshToken, TokenPurpose.ZoomRefreshToken, studioId);
        var result = refreshToken.Succeeded
            ? await oauth.RefreshAsync(refreshToken.Plaintext!, CancellationToken.None)
            : ZoomTokenResult.InvalidGrant;
        var now = clock.GetUtcNow();
        if (result.Tokens is not { } tokens)
        {
            if (result.IsInvalidGrant)
            {
                connection.RequireReconnect("Zoom no longer accepts Junocal's access. This often follows a Zoom password change or an admin restricting third-party apps.");
                db.AuditEntries.Add(AuditEntry.Record(studioId, now, "Zoom", AuditActions.ZoomReconnectRequired,
                    "Zoom refused Junocal's access; the owner must reconnect Zoom."));
                LogReconnectRequired(logger, studioId);
            }
            else
            {
                connection.TakeRefreshLease(now); // release: the next caller may try again
            }

            await db.SaveChangesAsync(CancellationToken.None);
            Forget(studioId);
            return result.IsInvalidGrant ? ZoomAccessResult.ReconnectRequired : ZoomAccessResult.Failed(result.Error!);
        }

        connection.Rotate(vault.Protect(tokens.RefreshToken, TokenPurpose.ZoomRefreshToken, studioId));
        var encryptedAccess = vault.Protect(tokens.AccessToken, TokenPurpose.ZoomAccessToken, studioId);
        if (row is null)
        {
            db.ZoomAccessTokens.Add(ZoomAccessToken.Issue(studioId, encryptedAccess, tokens.ExpiresAt));
        }
        else
        {
            row.Replace(encryptedAccess, tokens.ExpiresAt);
        }

        // Committed before use: the old refresh token is already dead at Zoom.
        await db.SaveChangesAsync(CancellationToken.None);
        _memory[studioId] = (tokens.AccessToken, tokens.ExpiresAt, connection.Id);
        LogRefreshed(logger, studioId);
        return ZoomAccessResult.Granted(tokens.AccessToken);
    }

    [LoggerMessage(EventId = LogEvents.Zoom.TokensRefreshed, Level = LogLevel.Information, Message = "Refreshed the Zoom tokens of studio {StudioId}")]
    private static partial void LogRefreshed(ILogger logger, Guid studioId);

    [LoggerMessage(EventId = LogEvents.Zoom.GrantRefused, Level = LogLevel.Warning, Message = "Zoom refused the grant of studio {StudioId}; reconnect required")]
    private static partial void LogReconnectRequired(ILogger logger, Guid studioId);
}

public sealed record ZoomAccessResult(ZoomAccessState State, string? AccessToken, string? Error)
{
    public static ZoomAccessResult NotConnected { get; } = new(ZoomAccessState.NotConnected, null, "Zoom is not connected.");

    public static ZoomAccessResult ReconnectRequired { get; } = new(ZoomAccessState.ReconnectRequired, null, "Zoom needs to be reconnected.");

    public static ZoomAccessResult Granted(string token) => new(ZoomAccessState.Granted, token, null);

    public static ZoomAccessResult Failed(string error) => new(ZoomAccessState.Failed, null, error);
}

public enum ZoomAccessState
{
    Granted,
    NotConnected,
    ReconnectRequired,
    Failed,
}
