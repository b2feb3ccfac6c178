using System.Security.Cryptography;
using System.Text;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// The owner's side of the Zoom connection: the card's state, "Connect Zoom" (OAuth authorization code with a
/// single-use state and PKCE S256), the callback, and "Disconnect". Every failure becomes a message on the
/// Integrations page and stores nothing.
/// </summary>
public sealed class ZoomConnectionService(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    ZoomOAuthClient oauth,
    ZoomApiClient api,
    ZoomTokenStore tokens,
    ZoomDataEraser eraser,
    ZoomConnectionCheck connectionCheck,
    ITokenVault vault,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<ZoomOptions> options,
    MeetingSyncRequests meetingSync,
    TimeProvider clock)
{
    public const string CallbackPath = "/integrations/zoom/callback";
    private const string UserReadScope = "user:read:user";

    private IDataProtector Verifiers => dataProtection.CreateProtector("Junocal.Zoom.PkceVerifier");

    public async Task<ZoomCard> GetCardAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.ZoomConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return ZoomCard.NotConnected;
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var upcoming = await MeetingSync.UpcomingClasses(db, LocationKind.Zoom, clock.GetUtcNow())
            .OrderBy(c => c.StartsAt)
            .Select(c => new { c.Name, c.StartsAt })
            .ToListAsync(cancellationToken);
        return new ZoomCard(
            connection.Status == ZoomConnectionStatus.Connected ? ZoomCardState.Connected : ZoomCardState.ReconnectRequired,
            connection.Label, connection.AccountName, DateOnly.FromDateTime(zone.ToLocal(connection.ConnectedAt)), connection.StatusReason,
            upcoming.Select(c => $"{c.Name}, {StudioTime.DateTime(zone.ToLocal(c.StartsAt))}").ToList())
        {
            EmailUnknownBecause = connection.ZoomEmail is null && connection.CheckProblem is { } problem && connection.CheckDueAt is { } retry
                ? $"Junocal could not check the email yet: {problem}. It tries again after {StudioTime.DateTime(zone.ToLocal(retry))}."
                : null,
        };
    }

    /// <summary>Where to send the owner's browser to authorize, or why not.</summary>
    public async Task<ZoomConnectStart> StartAsync(Uri requestOrigin, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ZoomConnections.AnyAsync(c => c.Status == ZoomConnectionStatus.Connected, cancellationToken))
        {
            return ZoomConnectStart.Refused(ZoomConnectMessage.AlreadyConnected);
        }

        var state = RandomToken();
        var verifier = RandomToken();
        var zoom = options.CurrentValue;
        var redirectUri = (zoom.RedirectUri ?? new Uri(requestOrigin, CallbackPath)).ToString();
        var now = clock.GetUtcNow();
        db.ZoomAuthorizationRequests.RemoveRange(db.ZoomAuthorizationRequests.Where(r => r.ExpiresAt < now));
        db.ZoomAuthorizationRequests.Add(ZoomAuthorizationRequest.Start(Hash(state), user.StudioId, UserId, Verifiers.Protect(verifier), redirectUri, now));
        await db.SaveChangesAsync(cancellationToken);

        var authorize = QueryHelpers.AddQueryString(zoom.AuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = zoom.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', zoom.ScopeList),
            ["state"] = state,
            ["code_challenge"] = Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            // Zoom's default method is "plain"; S256 must be asked for (docs/zoom.md, "OAuth").
            ["code_challenge_method"] = "S256",
        });
        return ZoomConnectStart.Redirect(authorize);
    }

    public async Task<ZoomConnectMessage> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        if (string.IsNullOrEmpty(state))
        {
            return ZoomConnectMessage.StateMissing;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ZoomAuthorizationRequests.SingleOrDefaultAsync(r => r.StateHash == Hash(state), cancellationToken);
        if (request is null)
        {
            return ZoomConnectMessage.StateUnknown;
        }

        // Single use, whatever happens next.
        db.ZoomAuthorizationRequests.Remove(request);
        await db.SaveChangesAsync(cancellationToken);
        if (request.UserId != UserId)
        {
            return ZoomConnectMessage.StateUnknown;
        }

        if (request.ExpiresAt < clock.GetUtcNow())
        {
            return ZoomConnectMessage.StateExpired;
        }

        if (!string.IsNullOrEmpty(error))
        {
            return error == "access_denied" ? ZoomConnectMessage.Denied : ZoomConnectMessage.ZoomError;
        }

        if (string.IsNullOrEmpty(code))
        {
            return ZoomConnectMessage.ZoomError;
        }

        var exchange = await oauth.ExchangeCodeAsync(code, request.RedirectUri, Verifiers.Unprotect(request.ProtectedVerifier), cancellationToken);
        if (exchange.Tokens is not { } issued)
        {
            return ZoomConnectMessage.ExchangeFailed;
        }

        var identity = await IdentifyAsync(issued, cancellationToken);
        if (identity is null)
        {
            return ZoomConnectMessage.IdentityUnknown;
        }

        var outcome = await StoreAsync(db, identity, issued, cancellationToken);
        if (outcome == ZoomConnectMessage.Connected || outcome == ZoomConnectMessage.Reconnected)
        {
            // The three meeting scopes tell no email: a connection check meeting does, so the card can name the account.
            try
            {
                await connectionCheck.RunAsync(user.StudioId, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The connection is stored; the check's job runs it again once its claim has passed.
            }
        }

        return outcome;
    }

    /// <summary>
    /// The help page's order: mark the connection as disconnecting, tell Zoom to revoke the grant, then delete the
    /// stored Zoom data. The mark is what keeps Zoom's app_deauthorized for our own revoke from being taken for an
    /// uninstall (docs/adr/0008). A revoke that fails still deletes, and is audited with what to do.
    /// </summary>
    public async Task<ZoomDisconnectOutcome> DisconnectAsync(CancellationToken cancellationToken, bool keepLinksAsCustom = false)
    {
        user.Require(Roles.Owner);
        var studioId = user.StudioId;
        await connectionCheck.DeleteLeftoverAsync(studioId, cancellationToken);
        // Read first: once the connection is marked, the token store hands out nothing.
        var access = await tokens.GetAsync(studioId, cancellationToken);
        if (!await MarkDisconnectingAsync(cancellationToken))
        {
            return ZoomDisconnectOutcome.NothingToDisconnect;
        }

        var revoked = access.AccessToken is { } token && await RevokeWithRetriesAsync(token, CancellationToken.None);
        var date = StudioTime.Day(clock.GetUtcNow().UtcDateTime);
        if (!await eraser.EraseAsync(studioId, user.Email, AuditActions.ZoomDisconnected, $"Zoom disconnected on {date}.", CancellationToken.None, keepLinksAsCustom))
        {
            return ZoomDisconnectOutcome.NothingToDisconnect;
        }

        if (revoked)
        {
            return ZoomDisconnectOutcome.Disconnected;
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.AuditEntries.Add(AuditEntry.Record(studioId, clock.GetUtcNow(), user.Email, AuditActions.ZoomRevokeFailed,
            "Zoom could not be told to revoke Junocal's access; uninstall Junocal from the Zoom Marketplace to finish."));
        await db.SaveChangesAsync(CancellationToken.None);
        return ZoomDisconnectOutcome.DisconnectedButNotRevoked;
    }

    private Task<bool> MarkDisconnectingAsync(CancellationToken cancellationToken) =>
        // A token refresh or an uninstall may change the row at the same moment; it is then read again.
        ConcurrentWrites.RetryAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken) is not { } connection)
            {
                return false;
            }

            connection.BeginDisconnect();
            await db.SaveChangesAsync(cancellationToken);
            tokens.Forget(user.StudioId);
            return true;
        });

    private async Task<bool> RevokeWithRetriesAsync(string accessToken, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await oauth.RevokeAsync(accessToken, cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, cancellationToken);
        }

        return false;
    }

    private async Task<ZoomIdentity?> IdentifyAsync(ZoomTokens issued, CancellationToken cancellationToken)
    {
        var fromToken = ZoomTokenClaims.Read(issued.AccessToken);
        var granted = issued.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (granted.Contains(UserReadScope, StringComparer.Ordinal) && await api.GetMeAsync(issued.AccessToken, cancellationToken) is { } me)
        {
            return me;
        }

        return fromToken;
    }

    private async Task<ZoomConnectMessage> StoreAsync(JunocalDbContext db, ZoomIdentity identity, ZoomTokens issued, CancellationToken cancellationToken)
    {
        var studioId = user.StudioId;
        var now = clock.GetUtcNow();
        var refresh = vault.Protect(issued.RefreshToken, TokenPurpose.ZoomRefreshToken, studioId);
        var access = vault.Protect(issued.AccessToken, TokenPurpose.ZoomAccessToken, studioId);
        if (await ConnectedToAnotherStudioAsync(db, identity, cancellationToken))
        {
            // Nothing is stored and nothing revoked: the grant is the other studio's too.
            return ZoomConnectMessage.ConnectedElsewhere;
        }

        var existing = await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken);
        ZoomConnectMessage outcome;
        if (existing is null)
        {
            existing = ZoomConnection.Connect(studioId, identity, refresh, issued.Scope, now);
            db.ZoomConnections.Add(existing);
            outcome = ZoomConnectMessage.Connected;
        }
        else if (existing.Status == ZoomConnectionStatus.Connected)
        {
            return ZoomConnectMessage.AlreadyConnected;
        }
        else if (!existing.IsSameZoomUser(identity))
        {
            return ZoomConnectMessage.OtherAccount(existing.AccountName);
        }
        else
        {
            existing.Reconnect(identity, refresh, issued.Scope, now);
            outcome = ZoomConnectMessage.Reconnected;
        }

        var row = await db.ZoomAccessTokens.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            db.ZoomAccessTokens.Add(ZoomAccessToken.Issue(studioId, access, issued.ExpiresAt));
        }
        else
        {
            row.Replace(access, issued.ExpiresAt);
        }

        var verb = outcome == ZoomConnectMessage.Reconnected ? "reconnected" : "connected";
        db.AuditEntries.Add(AuditEntry.Record(studioId, now, user.Email, outcome == ZoomConnectMessage.Reconnected ? AuditActions.ZoomReconnected : AuditActions.ZoomConnected,
            $"Zoom {verb} as {existing.AccountName}."));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race on a unique index: another tab of this studio, or another studio with the same Zoom user.
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            return await ConnectedToAnotherStudioAsync(fresh, identity, CancellationToken.None)
                ? ZoomConnectMessage.ConnectedElsewhere
                : ZoomConnectMessage.AlreadyConnected;
        }

        tokens.Remember(studioId, existing.Id, issued);
        await meetingSync.ResumeAsync(studioId, LocationKind.Zoom, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// One studio per Zoom user: a Zoom user has one grant for the app, so one studio's Disconnect (a revoke) and the
    /// app_deauthorized it causes would end the other studio's connection too.
    /// </summary>
    private async Task<bool> ConnectedToAnotherStudioAsync(JunocalDbContext db, ZoomIdentity identity, CancellationToken cancellationToken)
    {
        var studioId = user.StudioId;
        return await db.ZoomConnections.IgnoreQueryFilters()
            .AnyAsync(c => c.ZoomUserId == identity.UserId && c.StudioId != studioId, cancellationToken);
    }

    private string UserId => user.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";

    private static string RandomToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Base64UrlEncode(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}

public enum ZoomCardState
{
    NotConnected,
    Connected,
    ReconnectRequired,
}

public sealed record ZoomCard(ZoomCardState State, string? Label, string? AccountName, DateOnly? ConnectedSince, string? Reason, IReadOnlyList<string> UpcomingZoomClasses)
{
    /// <summary>Why the label names the Zoom user instead of the email, and when Junocal checks again; null once known.</summary>
    public string? EmailUnknownBecause { get; init; }

    public static ZoomCard NotConnected { get; } = new(ZoomCardState.NotConnected, null, null, null, null, []);
}

public sealed record ZoomConnectStart(string? RedirectUrl, ZoomConnectMessage? Refusal)
{
    public static ZoomConnectStart Redirect(string url) => new(url, null);

    public static ZoomConnectStart Refused(ZoomConnectMessage message) => new(null, message);
}

public enum ZoomDisconnectOutcome
{
    Disconnected,
    DisconnectedButNotRevoked,
    NothingToDisconnect,
}
