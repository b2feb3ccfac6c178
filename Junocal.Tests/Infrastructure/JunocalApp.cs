using System.Globalization;
using System.Net;
using Junocal.Sandbox;
using Junocal.Sandbox.Google;
using Junocal.Tests.Sandbox;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.PublicBooking;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Junocal.Tests.Infrastructure;

/// <summary>How a <see cref="JunocalApp"/> differs from the default test host; every property is optional.</summary>
public sealed record TestHostOptions
{
    /// <summary>Run the real background scheduler (Quartz on the app's database). Off: tests drive the work themselves.</summary>
    public bool Jobs { get; init; }

    /// <summary>With <see cref="Jobs"/>: how often the meeting sweep and the email dispatch run.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The ASP.NET Core environment; "Production" leaves out everything tests add unless settings ask for it.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Keep every log line in <see cref="JunocalApp.Logs"/>, Junocal's own categories and HTTP at Trace.</summary>
    public bool CaptureLogs { get; init; }

    /// <summary>Configuration on top of the test defaults (a null value removes a default).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services registered after the app's own, e.g. to wrap one.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Serve this sandbox state instead of a fresh one: Zoom outlives a restarted host.</summary>
    public ZoomSandboxState? Zoom { get; init; }

    /// <summary>Serve this Google sandbox state instead of a fresh one: Google outlives a restarted host.</summary>
    public GoogleSandboxState? Google { get; init; }
}

/// <summary>
/// The real Junocal host on Kestrel (127.0.0.1, a free port) over a real database of its own, with the Zoom and Google sandboxes
/// mounted, email to a pickup directory and background jobs off. Tests speak HTTP to it, drive it with a browser, or
/// resolve its services. <c>JunocalApp.With(new() { Jobs = true })</c> and the other <see cref="TestHostOptions"/> turn on
/// jobs, logs, another environment or extra settings;
/// <see cref="StartPeer"/> adds a second instance on the same database; <see cref="Restart"/> a new host on it.
/// Every host can fail the line to Zoom and the database's next outcome write (<see cref="Faults"/>).
/// </summary>
public class JunocalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The token vault's key in every test host: 32 fixed bytes, base64.</summary>
    public const string TestTokenKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>The in-app sandbox's webhook Secret Token, fixed so tests can sign events as the sandbox does.</summary>
    public const string SandboxWebhookSecret = "test-sandbox-webhook-secret";

    private readonly TestHostOptions _options;
    private bool _ownsDatabase;
    private readonly JunocalApp? _peerOf;

    /// <summary>The default test host; <see cref="With"/> makes one that differs.</summary>
    public JunocalApp()
        : this(new TestHostOptions(), TestDatabase.Create(), ownsDatabase: true, peerOf: null)
    {
    }

    private JunocalApp(TestHostOptions options, TestDatabase database, bool ownsDatabase, JunocalApp? peerOf)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _options = options;
        Database = database;
        _ownsDatabase = ownsDatabase;
        _peerOf = peerOf;
        Logs = options.CaptureLogs ? new CapturedLogs() : null;
    }

    /// <summary>For a host type that adds helpers of its own (a mailbox, a clock) on top of <paramref name="options"/>.</summary>
    protected JunocalApp(TestHostOptions options)
        : this(options, TestDatabase.Create(), ownsDatabase: true, peerOf: null)
    {
    }

    /// <summary>A host that differs from the default as <paramref name="options"/> say, on a database of its own.</summary>
    public static JunocalApp With(TestHostOptions options) => new(options, TestDatabase.Create(), ownsDatabase: true, peerOf: null);

    public TestDatabase Database { get; }

    /// <summary>Every log line, when the host was made with <see cref="TestHostOptions.CaptureLogs"/>.</summary>
    public CapturedLogs? Logs { get; }

    /// <summary>Where emails land when no SMTP server is configured.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"junocal-mail-{Guid.NewGuid():N}");

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The Zoom sandbox this host serves (a peer's is its first host's).</summary>
    public ZoomSandboxState Zoom => (_peerOf ?? this).Services.GetRequiredService<ZoomSandboxState>();

    /// <summary>The Google sandbox this host serves (a peer's is its first host's).</summary>
    public GoogleSandboxState Google => (_peerOf ?? this).Services.GetRequiredService<GoogleSandboxState>();

    /// <summary>What the tests can break between this host and Zoom, or in its database.</summary>
    public TestFaults Faults => Services.GetRequiredService<TestFaults>();

    /// <summary>
    /// A second instance of the app on this host's database, as behind a load balancer: started, never reset or
    /// seeded, and talking to this host's sandbox (one Zoom for both, as in production). Dispose it before this host.
    /// </summary>
    public JunocalApp StartPeer()
    {
        var peer = new JunocalApp(new TestHostOptions(), Database, ownsDatabase: false, peerOf: this);
        peer.StartServer();
        return peer;
    }

    /// <summary>
    /// The host that comes up after this one stops, as after a deploy: same database (it takes the database over, so
    /// dispose this host first), same Zoom sandbox. Start it with <see cref="StartAsync"/>, which resets nothing.
    /// </summary>
    public JunocalApp Restart(TestHostOptions options)
    {
        var next = new JunocalApp(options with { Zoom = Zoom, Google = Google }, Database, ownsDatabase: _ownsDatabase, peerOf: null);
        _ownsDatabase = false;
        return next;
    }

    /// <summary>Starts a host made by <see cref="Restart"/>: its database keeps everything the first host left.</summary>
    public Task StartAsync()
    {
        StartServer();
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_options.Environment);
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Junocal", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Jobs:Enabled", _options.Jobs ? "true" : "false");
        var interval = _options.SweepInterval.ToString("c", CultureInfo.InvariantCulture);
        builder.UseSetting("Jobs:MeetingSweepInterval", interval);
        builder.UseSetting("Jobs:EmailDispatchInterval", interval);
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("Security:TokenKeys:test", TestTokenKey);
        builder.UseSetting("Security:ActiveTokenKey", "test");
        // Every test signs in from 127.0.0.1; the limits have their own host (AccountFormRateLimits).
        builder.UseSetting("RateLimiting:AccountForms:PermitLimit", "1000000");
        // Tests speak plain HTTP to Kestrel on loopback; HTTPS in Production is tested behind a simulated proxy.
        builder.UseSetting("Https:Required", "false");
        // An open page's periodic re-check would sign it out mid-test on a slow machine; CircuitRevalidation tests it.
        builder.UseSetting("Security:Circuits:RevalidationInterval", "01:00:00");
        if (_peerOf is null)
        {
            builder.UseSetting("Sandbox:Enabled", "true");
            // Zoom's join links are https; the sandbox's follow its own URL unless told otherwise.
            builder.UseSetting("Sandbox:Zoom:BaseUrl", "https://zoom.sandbox.test/sandbox/zoom/");
            builder.UseSetting("Sandbox:Zoom:WebhookSecretToken", SandboxWebhookSecret);
        }
        else
        {
            UseTheSandboxOf(builder, _peerOf);
        }

        if (Logs is not null)
        {
            builder.UseSetting("Logging:LogLevel:Junocal", "Trace");
            builder.UseSetting("Logging:LogLevel:System.Net.Http", "Trace");
        }

        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            // Password hashing at full strength costs ~100 ms a user; tests create many users.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            TestFaults.AddTo(services);
            if (Logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(Logs);
            }

            if (_options.Zoom is { } zoom)
            {
                services.AddSingleton(zoom);
            }

            if (_options.Google is { } google)
            {
                services.AddSingleton(google);
            }

            _options.Services?.Invoke(services);
        });
    }

    private static void UseTheSandboxOf(IWebHostBuilder builder, JunocalApp first)
    {
        var zoom = first.BaseUrl.TrimEnd('/') + "/sandbox/zoom";
        builder.UseSetting("Sandbox:Enabled", "false");
        builder.UseSetting("Zoom:ClientId", "sandbox-client-id");
        builder.UseSetting("Zoom:ClientSecret", "sandbox-client-secret");
        builder.UseSetting("Zoom:WebhookSecretToken", SandboxWebhookSecret);
        // Real Zoom settings come complete or the app refuses to start: the callback registered with Zoom is https.
        builder.UseSetting("Zoom:RedirectUri", "https://studio.example.test" + Junocal.Web.Integrations.Zoom.ZoomConnectionService.CallbackPath);
        builder.UseSetting("Zoom:AuthorizeUrl", zoom + "/oauth/authorize");
        builder.UseSetting("Zoom:TokenUrl", zoom + "/oauth/token");
        builder.UseSetting("Zoom:RevokeUrl", zoom + "/oauth/revoke");
        builder.UseSetting("Zoom:ApiBaseUrl", zoom + "/v2/");
    }

    public async ValueTask InitializeAsync()
    {
        await Database.CreateAsync();
        StartServer();
        await ResetAsync();
    }

    /// <summary>
    /// Back to the start every test expects: the database emptied and the two demo studios seeded again, no emails,
    /// empty Zoom and Google sandboxes, no armed faults, no captured log lines.
    /// </summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        ClearMail();

        Services.GetService<ZoomSandboxState>()?.Reset();
        Services.GetService<GoogleSandboxState>()?.Reset();
        Faults.Clear();
        Logs?.Lines.Clear();
        await Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        // The public booking page is cached per host; a cached copy would offer the classes of the data just wiped.
        await Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicBookingModule.CacheTag, CancellationToken.None);
    }

    /// <summary>Every email this host has sent (to its pickup directory), oldest first.</summary>
    public async Task<List<MimeMessage>> SentMailAsync()
    {
        if (!Directory.Exists(MailDirectory))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    /// <summary>Forgets the emails sent so far.</summary>
    public void ClearMail()
    {
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    /// <summary>A DI scope whose services act for the given demo user, as they would in that user's circuit.</summary>
    public async Task<AsyncServiceScope> ScopeSignedInAsAsync(string email)
    {
        var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JunocalUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<JunocalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(await signIn.CreateUserPrincipalAsync(user));
        return scope;
    }

    public HttpClient CreateBrowserlikeClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        ClearMail();
        GC.SuppressFinalize(this);
    }
}
