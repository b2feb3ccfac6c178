using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Junocal.Sandbox.Dashboard;
using Junocal.Sandbox.Diagnostics;
using Junocal.Sandbox.Faults;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The Zoom sandbox as its own process (<c>Junocal.Sandbox.dll</c>, as <c>dotnet run --project Junocal.Sandbox</c>
/// starts it) on a free loopback port: "Zoom" keeps its grants and meetings while the app beside it dies. Read and
/// scripted over its HTTP API only (<c>/meetings</c>, <c>/requests</c>, <c>/faults</c>).
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    public const string WebhookSecret = "process-sandbox-webhook-secret";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly AppProcess _process;

    private SandboxProcess(AppProcess process, Uri root)
    {
        _process = process;
        Root = root;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = root };
        // The operator endpoints (faults) take same-origin requests only, as from the sandbox's own dashboard.
        Client.DefaultRequestHeaders.Add("Origin", root.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>Zoom's root, e.g. <c>http://127.0.0.1:41234/sandbox/zoom/</c>.</summary>
    public Uri Root { get; }

    public HttpClient Client { get; }

    public IEnumerable<string> Lines => _process.Lines;

    /// <summary>
    /// Starts the sandbox for the app at <paramref name="appUrl"/>: its OAuth callback and webhook endpoint. A
    /// <paramref name="log"/> keeps the sandbox's output beyond the process.
    /// </summary>
    public static async Task<SandboxProcess> StartAsync(Uri appUrl, IReadOnlyDictionary<string, string>? settings = null, RunLog? log = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Sandbox__Zoom__RedirectUris__0"] = new Uri(appUrl, "/integrations/zoom/callback").ToString(),
            ["Sandbox__Zoom__WebhookUrl"] = new Uri(appUrl, "/api/webhooks/zoom").ToString(),
            ["Sandbox__Zoom__WebhookSecretToken"] = WebhookSecret,
            ["Sandbox__Zoom__WebhookRetryDelays__0"] = "00:00:01",
            ["Sandbox__Zoom__WebhookRetryDelays__1"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = AppProcess.StartProgram("Junocal.Sandbox.dll", environment, log?.For("zoom"));
        var line = await process.WaitForLineAsync("Zoom sandbox serving at ");
        var url = line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim();
        return new SandboxProcess(process, new Uri(url));
    }

    /// <summary>The <c>Zoom:*</c> settings that point an app at this sandbox exactly as at real Zoom.</summary>
    public Dictionary<string, string> ZoomSettingsFor(Uri appUrl) => new()
    {
        ["Zoom__ClientId"] = "sandbox-client-id",
        ["Zoom__ClientSecret"] = "sandbox-client-secret",
        ["Zoom__WebhookSecretToken"] = WebhookSecret,
        ["Zoom__RedirectUri"] = new Uri(appUrl, "/integrations/zoom/callback").ToString(),
        ["Zoom__AuthorizeUrl"] = new Uri(Root, "oauth/authorize").ToString(),
        ["Zoom__TokenUrl"] = new Uri(Root, "oauth/token").ToString(),
        ["Zoom__RevokeUrl"] = new Uri(Root, "oauth/revoke").ToString(),
        ["Zoom__ApiBaseUrl"] = new Uri(Root, "v2/").ToString(),
    };

    public async Task<IReadOnlyList<HeldMeeting>> MeetingsAsync() =>
        await Client.GetFromJsonAsync<List<HeldMeeting>>("meetings", Json) ?? [];

    public async Task<IReadOnlyList<LoggedRequest>> RequestsAsync() =>
        await Client.GetFromJsonAsync<List<LoggedRequest>>("requests", Json) ?? [];

    /// <summary>How many scripted faults no request has taken yet.</summary>
    public async Task<int> PendingFaultsAsync() =>
        (await Client.GetFromJsonAsync<List<JsonElement>>("faults", Json))?.Count ?? 0;

    public async Task ScriptAsync(SandboxEndpoint endpoint, FaultKind kind, int times = 1, double? delaySeconds = null)
    {
        using var response = await Client.PostAsJsonAsync("faults", new { endpoint, kind, times, delaySeconds }, Json);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "faults");
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
