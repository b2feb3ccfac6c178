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

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// The owner's side of the Google connection: the card's state, "Connect Google" (authorization code with a
/// single-use state bound to the owner and studio, PKCE S256, offline access, forced consent), the callback, and
/// "Disconnect". Every failure becomes a message on the Integrations page and stores nothing.
/// </summary>
public sealed class GoogleConnectionService(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    GoogleOAuthClient oauth,
    GoogleTokenStore tokens,
    GoogleCalendarSetup calendars,
    GoogleDataEraser eraser,
    ITokenVault vault,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<GoogleOptions> options,
    MeetingSyncRequests meetingSync,
    TimeProvider clock)
{
    private IDataProtector Verifiers => dataProtection.CreateProtector("Junocal.Google.PkceVerifier");

    public async Task<GoogleCard> GetCardAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return GoogleCard.NotConnected;
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var upcoming = await MeetingSync.UpcomingClasses(db, LocationKind.GoogleMeet, clock.GetUtcNow())
            .OrderBy(c => c.StartsAt)
            .Select(c => new { c.Name, c.StartsAt })
            .ToListAsync(cancellationToken);
        return new GoogleCard(
            connection.Status == GoogleConnectionStatus.Connected ? GoogleCardState.Connected : GoogleCardState.ReconnectRequired,
            connection.Label, connection.Email, DateOnly.FromDateTime(zone.ToLocal(connection.ConnectedAt)), connection.StatusReason,
            connection.CalendarProblem,
            upcoming.Select(c => $"{c.Name}, {StudioTime.DateTime(zone.ToLocal(c.StartsAt))}").ToList());
    }

    /// <summary>Where to send the owner's browser to authorize, or why not.</summary>
    public async Task<GoogleConnectStart> StartAsync(Uri requestOrigin, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (existing?.Status == GoogleConnectionStatus.Connected)
        {
            return GoogleConnectStart.Refused(GoogleConnectMessage.AlreadyConnected);
        }

        var state = RandomToken();
        var verifier = RandomToken();
        var google = options.CurrentValue;
        var redirectUri = (google.RedirectUri ?? new Uri(requestOrigin, GoogleConnectEndpoints.CallbackPath)).ToString();
        var now = clock.GetUtcNow();
        db.GoogleAuthorizationRequests.RemoveRange(db.GoogleAuthorizationRequests.Where(r => r.ExpiresAt < now));
        db.GoogleAuthorizationRequests.Add(GoogleAuthorizationRequest.Start(Hash(state), user.StudioId, UserId, Verifiers.Protect(verifier), redirectUri, now));
        await db.SaveChangesAsync(cancellationToken);

        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = google.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', GoogleOptions.Scopes),
            ["state"] = state,
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            // Google's default method is "plain"; S256 must be asked for (docs/google-meet.md, "OAuth").
            ["code_challenge_method"] = "S256",
            // A refresh token comes only with offline access, and again after the first time only with forced consent.
            ["access_type"] = "offline",
            ["prompt"] = "consent",
        };
        if (existing is not null)
        {
            query["login_hint"] = existing.Email; // reconnecting: the same account
        }

        return GoogleConnectStart.Redirect(QueryHelpers.AddQueryString(google.AuthorizeUrl.ToString(), query));
    }

    public async Task<GoogleConnectMessage> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        if (string.IsNullOrEmpty(state))
        {
            return GoogleConnectMessage.StateMissing;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.GoogleAuthorizationRequests.SingleOrDefaultAsync(r => r.StateHash == Hash(state), cancellationToken);
        if (request is null)
        {
            return GoogleConnectMessage.StateUnknown;
        }

        // Single use, whatever happens next.
        db.GoogleAuthorizationRequests.Remove(request);
        await db.SaveChangesAsync(cancellationToken);
        if (request.UserId != UserId)
        {
            return GoogleConnectMessage.StateUnknown;
        }

        if (request.ExpiresAt < clock.GetUtcNow())
        {
            return GoogleConnectMessage.StateExpired;
        }

        if (!string.IsNullOrEmpty(error))
        {
            return error == "access_denied" ? GoogleConnectMessage.Denied : GoogleConnectMessage.GoogleError;
        }

        if (string.IsNullOrEmpty(code))
        {
            return GoogleConnectMessage.GoogleError;
        }

        var exchange = await oauth.ExchangeCodeAsync(code, request.RedirectUri, Verifiers.Unprotect(request.ProtectedVerifier), cancellationToken);
        if (exchange.Tokens is not { } issued)
        {
            return GoogleConnectMessage.ExchangeFailed;
        }

        if (!issued.GrantsAll(GoogleOptions.Scopes))
        {
            // Nothing is kept of a partial grant: revoke it so it does not linger in the owner's Google Account.
            await oauth.RevokeAsync(issued.RefreshToken ?? issued.AccessToken, CancellationToken.None);
            return GoogleConnectMessage.PartialScopes;
        }

        if (GoogleIdToken.Read(issued.IdToken, options.CurrentValue.ClientId, clock.GetUtcNow()) is not { } identity)
        {
            return GoogleConnectMessage.IdentityUnknown;
        }

        if (issued.RefreshToken is not { Length: > 0 })
        {
            return GoogleConnectMessage.NoRefreshToken;
        }

        var outcome = await StoreAsync(db, identity, issued, cancellationToken);
        if (outcome == GoogleConnectMessage.Connected || outcome == GoogleConnectMessage.Reconnected)
        {
            // The calendar and its watch; a failure here is shown on the card and tried again before the first Meet class.
            await calendars.EnsureAsync(user.StudioId, cancellationToken);
            await meetingSync.ResumeAsync(user.StudioId, LocationKind.GoogleMeet, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// The same order as Zoom's (docs/adr/0008): mark the connection as disconnecting (no more Google calls), stop the
    /// watch channels, revoke the grant at Google, then delete every stored Google datum of the studio. A revoke that
    /// fails still deletes, and the owner is told how to remove the access in their Google Account.
    /// </summary>
    public async Task<GoogleDisconnectOutcome> DisconnectAsync(CancellationToken cancellationToken, bool keepLinksAsCustom = false)
    {
        user.Require(Roles.Owner);
        var studioId = user.StudioId;
        // Read first: once the connection is marked, the token store hands out nothing.
        var access = await tokens.GetAsync(studioId, cancellationToken);
        var refreshToken = await tokens.RefreshTokenAsync(studioId, cancellationToken);
        if (!await MarkDisconnectingAsync(cancellationToken))
        {
            return GoogleDisconnectOutcome.NothingToDisconnect;
        }

        if (access.AccessToken is { } token)
        {
            await calendars.StopChannelsAsync(studioId, token, CancellationToken.None);
        }

        var revoked = refreshToken is not null && await RevokeWithRetriesAsync(refreshToken, CancellationToken.None);
        var date = StudioTime.Day(clock.GetUtcNow().UtcDateTime);
        if (!await eraser.EraseAsync(studioId, user.Email, AuditActions.GoogleDisconnected, $"Google Meet disconnected on {date}.", CancellationToken.None, keepLinksAsCustom))
        {
            return GoogleDisconnectOutcome.NothingToDisconnect;
        }

        if (revoked)
        {
            return GoogleDisconnectOutcome.Disconnected;
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.AuditEntries.Add(AuditEntry.Record(studioId, clock.GetUtcNow(), user.Email, AuditActions.GoogleRevokeFailed,
            "Google could not be told to revoke Junocal's access; remove Junocal at myaccount.google.com/permissions to finish."));
        await db.SaveChangesAsync(CancellationToken.None);
        return GoogleDisconnectOutcome.DisconnectedButNotRevoked;
    }

    private Task<bool> MarkDisconnectingAsync(CancellationToken cancellationToken) =>
        // A refresh or a sync may change the row at the same moment; it is then read again.
        ConcurrentWrites.RetryAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken) is not { } connection)
            {
                return false;
            }

            connection.BeginDisconnect();
            await db.SaveChangesAsync(cancellationToken);
            tokens.Forget(user.StudioId);
            return true;
        });

    private async Task<bool> RevokeWithRetriesAsync(string refreshToken, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await oauth.RevokeAsync(refreshToken, cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, cancellationToken);
        }

        return false;
    }

    private async Task<GoogleConnectMessage> StoreAsync(JunocalDbContext db, GoogleIdentity identity, GoogleTokens issued, CancellationToken cancellationToken)
    {
        var studioId = user.StudioId;
        var now = clock.GetUtcNow();
        if (await ConnectedToAnotherStudioAsync(db, identity, cancellationToken))
        {
            return GoogleConnectMessage.ConnectedElsewhere;
        }

        var refresh = vault.Protect(issued.RefreshToken!, TokenPurpose.GoogleRefreshToken, studioId);
        var access = vault.Protect(issued.AccessToken, TokenPurpose.GoogleAccessToken, studioId);
        var existing = await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken);
        GoogleConnectMessage outcome;
        if (existing is null)
        {
            existing = GoogleConnection.Connect(studioId, identity, refresh, issued.Scope, now);
            db.GoogleConnections.Add(existing);
            outcome = GoogleConnectMessage.Connected;
        }
        else if (existing.Status == GoogleConnectionStatus.Connected)
        {
            return GoogleConnectMessage.AlreadyConnected;
        }
        else if (!existing.IsSameAccount(identity))
        {
            return GoogleConnectMessage.OtherAccount(existing.Email);
        }
        else
        {
            existing.Reconnect(identity, refresh, issued.Scope);
            outcome = GoogleConnectMessage.Reconnected;
        }

        var row = await db.GoogleAccessTokens.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            db.GoogleAccessTokens.Add(GoogleAccessToken.Issue(studioId, access, issued.ExpiresAt));
        }
        else
        {
            row.Replace(access, issued.ExpiresAt);
        }

        var reconnected = outcome == GoogleConnectMessage.Reconnected;
        db.AuditEntries.Add(AuditEntry.Record(studioId, now, user.Email, reconnected ? AuditActions.GoogleReconnected : AuditActions.GoogleConnected,
            $"Google {(reconnected ? "reconnected" : "connected")} as {identity.Email}."));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race on a unique index: another tab of this studio, or another studio with the same account.
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            return await ConnectedToAnotherStudioAsync(fresh, identity, CancellationToken.None)
                ? GoogleConnectMessage.ConnectedElsewhere
                : GoogleConnectMessage.AlreadyConnected;
        }

        tokens.Remember(studioId, existing.Id, issued);
        return outcome;
    }

    private async Task<bool> ConnectedToAnotherStudioAsync(JunocalDbContext db, GoogleIdentity identity, CancellationToken cancellationToken)
    {
        var studioId = user.StudioId;
        return await db.GoogleConnections.IgnoreQueryFilters().AnyAsync(c => c.GoogleSub == identity.Sub && c.StudioId != studioId, cancellationToken);
    }

    private string UserId => user.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}

public enum GoogleCardState
{
    NotConnected,
    Connected,
    ReconnectRequired,
}

public sealed record GoogleCard(GoogleCardState State, string? Label, string? Email, DateOnly? ConnectedSince, string? Reason, string? CalendarProblem,
    IReadOnlyList<string> UpcomingMeetClasses)
{
    public static GoogleCard NotConnected { get; } = new(GoogleCardState.NotConnected, null, null, null, null, null, []);
}

public sealed record GoogleConnectStart(string? RedirectUrl, GoogleConnectMessage? Refusal)
{
    public static GoogleConnectStart Redirect(string url) => new(url, null);

    public static GoogleConnectStart Refused(GoogleConnectMessage message) => new(null, message);
}

public enum GoogleDisconnectOutcome
{
    Disconnected,
    DisconnectedButNotRevoked,
    NothingToDisconnect,
}
