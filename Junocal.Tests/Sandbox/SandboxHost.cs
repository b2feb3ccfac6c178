using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Sandbox;

/// <summary>The sandbox on real Kestrel (127.0.0.1, a free port), mounted at <c>/sandbox/zoom</c>, with a fake clock.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public const string RedirectUri = "https://studio.test/integrations/zoom/callback";
    public const string AllScopes = "meeting:write:meeting meeting:update:meeting meeting:delete:meeting meeting:read:meeting user:read:user";

    /// <summary>The fake clock's first day (a Tuesday in March; London is on GMT).</summary>
    public static readonly DateTime Today = TestCalendar.FakeNow.UtcDateTime.Date;

    /// <summary>When the tests' meetings start: two days on, 18:00 UTC (and 18:00 in London).</summary>
    public static readonly DateTime MeetingStartTime = Today.AddDays(2).AddHours(18);

    /// <summary><see cref="MeetingStartTime"/> as Zoom writes it.</summary>
    public static readonly string MeetingStart = TestCalendar.ZoomUtc(MeetingStartTime);

    /// <summary>The Thursday after London's clocks go forward (BST, UTC+1): a day to move meetings to.</summary>
    public static readonly DateTime AfterTheClockChange = TestCalendar.SpringForward(Today.Year).AddDays(4);

    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, FakeTimeProvider? time, Uri root)
    {
        _app = app;
        Time = time;
        Root = root;
        State = app.Services.GetRequiredService<ZoomSandboxState>();
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = root };
        // The consent and dashboard forms are pages in the owner's browser, which marks its own posts so.
        Client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
    }

    /// <summary>Null when the host runs on the system clock.</summary>
    public FakeTimeProvider? Time { get; }

    public FakeTimeProvider Clock => Time ?? throw new InvalidOperationException("This host runs on the system clock.");

    public Uri Root { get; }

    public ZoomSandboxState State { get; }

    /// <summary>Addresses the sandbox root; redirects are not followed so tests can read them.</summary>
    public HttpClient Client { get; }

    public static async Task<SandboxHost> StartAsync(
        Action<ZoomSandboxOptions>? configure = null, bool systemClock = false, CapturedLogs? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFilter("Junocal", LogLevel.Trace).AddProvider(logs);
        }

        var time = systemClock ? null : new FakeTimeProvider(TestCalendar.FakeNow);
        builder.Services.AddSingleton<TimeProvider>(time is null ? TimeProvider.System : time);
        builder.Services.AddZoomSandbox(options =>
        {
            options.RedirectUris.Add(RedirectUri);
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapZoomSandbox("/sandbox/zoom");
        await app.StartAsync();
        var address = app.Urls.First();
        return new SandboxHost(app, time, new Uri($"{address}/sandbox/zoom/"));
    }

    /// <summary>Consents as <paramref name="user"/> through the form and returns the authorization code.</summary>
    public async Task<string> AuthorizeAsync(
        ZoomTestUser user, string scopes = AllScopes, string? codeChallenge = null, string? method = null, string redirectUri = RedirectUri)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client-id",
            ["redirect_uri"] = redirectUri,
            ["state"] = "state-1",
            ["scope"] = scopes,
            ["user_id"] = user.Id,
            ["decision"] = "allow",
        };
        if (codeChallenge is not null)
        {
            fields["code_challenge"] = codeChallenge;
        }

        if (method is not null)
        {
            fields["code_challenge_method"] = method;
        }

        using var response = await Client.PostAsync(new Uri("oauth/authorize", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return query["code"].ToString();
    }

    /// <summary>POSTs to the token endpoint with Basic client authentication.</summary>
    public async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, string clientSecret = "sandbox-client-secret")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"sandbox-client-id:{clientSecret}")));
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string redirectUri = RedirectUri, string? codeVerifier = null)
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
    public async Task<TokenSet> ConnectAsync(ZoomTestUser user, string scopes = AllScopes)
    {
        var code = await AuthorizeAsync(user, scopes);
        using var response = await ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TokenSet.From(await ReadJsonAsync(response));
    }

    /// <summary>Sends an API request with a bearer token and an optional JSON body.</summary>
    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string accessToken, object? body = null) =>
        ApiWithDeadlineAsync(method, path, accessToken, body, TestContext.Current.CancellationToken);

    /// <summary>As <see cref="ApiAsync"/>, giving up when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<HttpResponseMessage> ApiWithDeadlineAsync(
        HttpMethod method, string path, string accessToken, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request, cancellationToken);
    }

    public async Task<JsonElement> CreateMeetingAsync(string accessToken, object? body = null)
    {
        using var response = await ApiAsync(HttpMethod.Post, "v2/users/me/meetings", accessToken, body ?? new
        {
            topic = "Reformer basics",
            type = 2,
            start_time = MeetingStart,
            duration = 55,
            timezone = "Europe/London",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record TokenSet(string AccessToken, string RefreshToken, string Scope, int ExpiresIn)
{
    public static TokenSet From(JsonElement json) => new(
        json.GetProperty("access_token").GetString()!,
        json.GetProperty("refresh_token").GetString()!,
        json.GetProperty("scope").GetString()!,
        json.GetProperty("expires_in").GetInt32());
}
