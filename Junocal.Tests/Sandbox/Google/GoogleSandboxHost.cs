using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Google;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>The Google sandbox on real Kestrel (127.0.0.1, a free port), mounted at <c>/sandbox/google</c>, with a fake clock.</summary>
public sealed class GoogleSandboxHost : IAsyncDisposable
{
    public const string ClientId = "sandbox-google-client-id";
    public const string ClientSecret = "sandbox-google-client-secret";
    public const string RedirectUri = "https://studio.test/integrations/google/callback";
    public const string AppCreated = "https://www.googleapis.com/auth/calendar.app.created";
    public const string Scopes = "openid email " + AppCreated;
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    /// <summary>When the tests' events start: two days after the fake clock's first day, 18:00 UTC.</summary>
    public static readonly DateTime EventStart = TestCalendar.FakeNow.UtcDateTime.Date.AddDays(2).AddHours(18);

    private readonly WebApplication _app;

    private GoogleSandboxHost(WebApplication app, FakeTimeProvider time, Uri root)
    {
        _app = app;
        Clock = time;
        Root = root;
        State = app.Services.GetRequiredService<GoogleSandboxState>();
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = root };
        // The consent and dashboard forms are pages in the user's browser, which marks its own posts so.
        Client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
    }

    public FakeTimeProvider Clock { get; }

    public Uri Root { get; }

    public GoogleSandboxState State { get; }

    /// <summary>Addresses the sandbox root; redirects are not followed so tests can read them.</summary>
    public HttpClient Client { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static async Task<GoogleSandboxHost> StartAsync(Action<GoogleSandboxOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(TestCalendar.FakeNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddGoogleSandbox(options =>
        {
            options.RedirectUris.Add(RedirectUri);
            options.NotificationRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapGoogleSandbox("/sandbox/google");
        await app.StartAsync();
        return new GoogleSandboxHost(app, time, new Uri($"{app.Urls.First()}/sandbox/google/"));
    }

    /// <summary>The consent form's decision as the user's browser posts it; the answer is the redirect.</summary>
    public async Task<HttpResponseMessage> DecideAsync(GoogleTestUser user, string scopes = Scopes, string decision = "allow",
        IEnumerable<string>? ticked = null, Dictionary<string, string>? extra = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("client_id", ClientId),
            new("redirect_uri", RedirectUri),
            new("state", "state-1"),
            new("scope", scopes),
            new("sub", user.Sub),
            new("decision", decision),
            new("code_challenge", S256(Verifier)),
            new("code_challenge_method", "S256"),
            new("access_type", "offline"),
            new("prompt", "consent"),
        };
        foreach (var scope in ticked ?? scopes.Split(' '))
        {
            fields.Add(new("granted", scope));
        }

        foreach (var (key, value) in extra ?? [])
        {
            fields.RemoveAll(field => field.Key == key);
            if (value.Length > 0)
            {
                fields.Add(new(key, value));
            }
        }

        return await Client.PostAsync(new Uri("accounts/o/oauth2/v2/auth", UriKind.Relative), new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>Consents as <paramref name="user"/> and returns the code from the redirect.</summary>
    public async Task<string> AuthorizeAsync(GoogleTestUser user, string scopes = Scopes, Dictionary<string, string>? extra = null)
    {
        using var response = await DecideAsync(user, scopes, extra: extra);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return RedirectQuery(response)["code"].ToString();
    }

    public static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> RedirectQuery(HttpResponseMessage response) =>
        QueryHelpers.ParseQuery(response.Headers.Location!.Query);

    /// <summary>POSTs to the token endpoint with the client secret in the body, as Google's libraries do.</summary>
    public async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, string clientSecret = ClientSecret)
    {
        form.TryAdd("client_id", ClientId);
        form.TryAdd("client_secret", clientSecret);
        return await Client.PostAsync(new Uri("oauth2/token", UriKind.Relative), new FormUrlEncodedContent(form), Ct);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string redirectUri = RedirectUri, string? codeVerifier = Verifier)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return TokenAsync(form);
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>The whole connect flow; returns the token response.</summary>
    public async Task<GoogleTokenSet> ConnectAsync(GoogleTestUser? user = null, string scopes = Scopes)
    {
        var code = await AuthorizeAsync(user ?? GoogleTestUsers.Owner, scopes);
        using var response = await ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return GoogleTokenSet.From(await ReadJsonAsync(response));
    }

    /// <summary>Sends an API request with a bearer token and an optional JSON body.</summary>
    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string? accessToken, object? body = null,
        Action<HttpRequestMessage>? adjust = null, CancellationToken? cancellationToken = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        adjust?.Invoke(request);
        return await Client.SendAsync(request, cancellationToken ?? Ct);
    }

    public async Task<string> CreateCalendarAsync(string accessToken, string summary = "Junocal – Juno Pilates")
    {
        using var response = await ApiAsync(HttpMethod.Post, "calendar/v3/calendars", accessToken, new { summary, timeZone = "Europe/London" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public static string EventsPath(string calendarId, string? rest = null) =>
        $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events{rest}";

    /// <summary>An event body: start two days on at 18:00 UTC for an hour, with a Meet request unless told otherwise.</summary>
    public static Dictionary<string, object?> EventBody(string? id = null, string? requestId = "req-1", string summary = "Yoga Flow (virtual)")
    {
        var body = new Dictionary<string, object?>
        {
            ["summary"] = summary,
            ["start"] = new { dateTime = TestCalendar.ZoomUtc(EventStart), timeZone = "Europe/London" },
            ["end"] = new { dateTime = TestCalendar.ZoomUtc(EventStart.AddHours(1)), timeZone = "Europe/London" },
            ["extendedProperties"] = new { @private = new { junocalClassId = "class-1" } },
        };
        if (id is not null)
        {
            body["id"] = id;
        }

        if (requestId is not null)
        {
            body["conferenceData"] = new { createRequest = new { requestId, conferenceSolutionKey = new { type = "hangoutsMeet" } } };
        }

        return body;
    }

    public async Task<JsonElement> InsertEventAsync(string accessToken, string calendarId, object? body = null, string query = "?conferenceDataVersion=1")
    {
        using var response = await ApiAsync(HttpMethod.Post, EventsPath(calendarId, query), accessToken, body ?? EventBody());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public async Task<JsonElement> GetEventAsync(string accessToken, string calendarId, string eventId)
    {
        using var response = await ApiAsync(HttpMethod.Get, EventsPath(calendarId, "/" + eventId), accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts Google's Calendar error envelope with one error of this reason.</summary>
    public static async Task<JsonElement> AssertApiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string reason, string? domain = null)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal((int)status, error.GetProperty("code").GetInt32());
        var item = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal(reason, item.GetProperty("reason").GetString());
        Assert.Equal(error.GetProperty("message").GetString(), item.GetProperty("message").GetString());
        if (domain is not null)
        {
            Assert.Equal(domain, item.GetProperty("domain").GetString());
        }

        return item;
    }

    /// <summary>Asserts Google's OAuth error form <c>{"error","error_description"}</c>.</summary>
    public static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        Assert.Equal(status, response.StatusCode);
        var json = await ReadJsonAsync(response);
        Assert.Equal(error, json.GetProperty("error").GetString());
        if (description is not null)
        {
            Assert.Equal(description, json.GetProperty("error_description").GetString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record GoogleTokenSet(string AccessToken, string? RefreshToken, string Scope, int ExpiresIn, string? IdToken)
{
    public static GoogleTokenSet From(JsonElement json) => new(
        json.GetProperty("access_token").GetString()!,
        json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        json.GetProperty("scope").GetString()!,
        json.GetProperty("expires_in").GetInt32(),
        json.TryGetProperty("id_token", out var id) ? id.GetString() : null);
}
