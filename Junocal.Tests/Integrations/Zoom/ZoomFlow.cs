using System.Net;
using System.Text.RegularExpressions;
using Junocal.Domain.Auditing;
using Junocal.Sandbox;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>A signed-in browser-like client and the antiforgery token its Integrations page handed out.</summary>
public sealed record OwnerBrowser(HttpClient Client, string AntiforgeryToken) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// "Connect Zoom" over plain HTTP, step by step as a browser would take it: the form post, the sandbox's consent
/// form, the callback. Each step can be stopped at, replayed or tampered with.
/// </summary>
public static partial class ZoomFlow
{
    public const string JunoPilates = "Juno Pilates";
    public const string OtherStudio = "Other Studio";

    public static ZoomSandboxState Sandbox(this IServiceProvider services) => services.GetRequiredService<ZoomSandboxState>();

    public static async Task<OwnerBrowser> OpenAsync(JunocalApp app, string email = DemoSeeder.OwnerEmail) =>
        await OpenAsync(await SignIn.AsAsync(app, email));

    /// <summary>The Integrations page in a client already signed in as an owner (e.g. to an app running as its own process).</summary>
    public static async Task<OwnerBrowser> OpenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(ZoomConnectEndpoints.IntegrationsPage);
        var token = AntiforgeryField().Match(page);
        return !token.Success
            ? throw new InvalidOperationException("The Integrations page carries no antiforgery token.")
            : new OwnerBrowser(client, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Posts "Connect Zoom"; answers the redirect (to Zoom's consent screen or back to the page).</summary>
    public static async Task<HttpResponseMessage> PostConnectAsync(OwnerBrowser owner) =>
        await owner.Client.PostAsync(ZoomConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = owner.AntiforgeryToken }));

    /// <summary>Starts the connect and returns the query of the authorize URL the app sent the browser to.</summary>
    public static async Task<Dictionary<string, string>> StartAsync(OwnerBrowser owner)
    {
        using var response = await PostConnectAsync(owner);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location
            || !location.OriginalString.Contains("/oauth/authorize", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Connect Zoom did not go to the consent screen: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var query = QueryHelpers.ParseQuery(new Uri(owner.Client.BaseAddress!, location).Query);
        return query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    /// <summary>The consent screen's form: as the given sandbox user, allow or deny. Returns the callback URL Zoom redirects to.</summary>
    /// <remarks>The consent form is the app's in-app sandbox unless <paramref name="zoom"/> addresses a sandbox elsewhere (its root).</remarks>
    public static async Task<Uri> DecideAsync(OwnerBrowser owner, Dictionary<string, string> authorize, ZoomTestUser user, string decision = "allow",
        HttpClient? zoom = null)
    {
        var form = new Dictionary<string, string>
        {
            ["client_id"] = authorize["client_id"],
            ["redirect_uri"] = authorize["redirect_uri"],
            ["state"] = authorize["state"],
            ["scope"] = authorize.GetValueOrDefault("scope") ?? ZoomOptions.DefaultScopes,
            ["code_challenge"] = authorize["code_challenge"],
            ["code_challenge_method"] = authorize["code_challenge_method"],
            ["user_id"] = user.Id,
            ["decision"] = decision,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, zoom is null ? "/sandbox/zoom/oauth/authorize" : "oauth/authorize")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin"); // the consent page posts to itself
        using var response = await (zoom ?? owner.Client).SendAsync(request);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? location
            : throw new InvalidOperationException($"The consent form answered {(int)response.StatusCode}.");
    }

    /// <summary>Follows Zoom's redirect to the callback; returns the message code the app sends the owner back with.</summary>
    public static async Task<string> CallbackAsync(OwnerBrowser owner, Uri callback)
    {
        using var response = await owner.Client.GetAsync(callback);
        return MessageCode(response);
    }

    /// <summary>The <c>zoom</c> code of a redirect back to the Integrations page.</summary>
    public static string MessageCode(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || !location.StartsWith(ZoomConnectEndpoints.IntegrationsPage + "?zoom=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a redirect to the Integrations page, got {(int)response.StatusCode} {location}");
        }

        return Uri.UnescapeDataString(location[(ZoomConnectEndpoints.IntegrationsPage.Length + "?zoom=".Length)..]);
    }

    /// <summary>The whole flow as the given sandbox user; returns the message code.</summary>
    public static async Task<string> ConnectAsync(OwnerBrowser owner, ZoomTestUser? user = null)
    {
        var authorize = await StartAsync(owner);
        var callback = await DecideAsync(owner, authorize, user ?? TestUsers.Owner);
        return await CallbackAsync(owner, callback);
    }

    /// <summary>Signs in as the owner and connects; throws unless the app says "connected".</summary>
    public static async Task ConnectOwnerAsync(JunocalApp app, string email = DemoSeeder.OwnerEmail, ZoomTestUser? user = null)
    {
        using var owner = await OpenAsync(app, email);
        var code = await ConnectAsync(owner, user);
        if (code != ZoomConnectMessage.Connected.Code)
        {
            throw new InvalidOperationException($"Connecting Zoom ended with '{code}'.");
        }
    }

    public static async Task<Guid> StudioIdAsync(this IServiceProvider services, string name = JunoPilates)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.Studios.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    /// <summary>How many Zoom rows of each kind a studio has: connection, access token, pending authorizations.</summary>
    public static async Task<ZoomRows> ZoomRowsAsync(this IServiceProvider services, Guid studioId)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return new ZoomRows(
            await db.ZoomConnections.CountAsync(c => c.StudioId == studioId),
            await db.ZoomAccessTokens.CountAsync(t => t.StudioId == studioId),
            await db.ZoomAuthorizationRequests.CountAsync(r => r.StudioId == studioId));
    }

    public static async Task<ZoomConnection?> ConnectionAsync(this IServiceProvider services, Guid studioId)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ZoomConnections.AsNoTracking().SingleOrDefaultAsync(c => c.StudioId == studioId);
    }

    public static async Task<List<AuditEntry>> AuditAsync(this IServiceProvider services, Guid studioId, string action)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.StudioId == studioId && a.Action == action).ToListAsync();
    }

    /// <summary>Makes the studio's stored access token look expired and drops the in-memory copy, so the next use refreshes.</summary>
    public static async Task ExpireAccessTokenAsync(this IServiceProvider services, Guid studioId)
    {
        await using (var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var row = await db.ZoomAccessTokens.SingleAsync(t => t.StudioId == studioId);
            row.Replace(row.EncryptedToken, DateTimeOffset.UtcNow.AddMinutes(-5));
            await db.SaveChangesAsync();
        }

        services.GetRequiredService<ZoomTokenStore>().Forget(studioId);
    }

    /// <summary>Puts the studio's connection into "Reconnect required" the way Zoom does: a refresh answered with invalid_grant.</summary>
    public static async Task<ZoomAccessResult> LoseGrantAsync(this IServiceProvider services, Guid studioId)
    {
        await services.ExpireAccessTokenAsync(studioId);
        services.Sandbox().Faults.Script(Junocal.Sandbox.Faults.SandboxEndpoint.Token, Junocal.Sandbox.Faults.FaultKind.InvalidGrant);
        return await services.GetRequiredService<ZoomTokenStore>().GetAsync(studioId, CancellationToken.None);
    }

    /// <summary>Waits for a condition that the app reaches asynchronously; false only after <see cref="Eventually.Patience"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        try
        {
            await Eventually.HoldsAsync(condition, "The condition");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed record ZoomRows(int Connections, int AccessTokens, int AuthorizationRequests)
{
    public static ZoomRows None { get; } = new(0, 0, 0);
}
