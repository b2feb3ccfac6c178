using System.Net;
using Junocal.Web.Features.Demo;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The real Junocal host on Kestrel (127.0.0.1, a free port) over a real database. Tests speak HTTP to it,
/// drive it with a browser, or resolve its services.
/// </summary>
public class JunocalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The token vault's key in every test host: 32 fixed bytes, base64.</summary>
    public const string TestTokenKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>The in-app sandbox's webhook Secret Token, fixed so tests can sign events as the sandbox does.</summary>
    public const string SandboxWebhookSecret = "test-sandbox-webhook-secret";

    private readonly bool _ownsDatabase;

    public JunocalApp()
        : this(TestDatabase.Create(), ownsDatabase: true)
    {
    }

    /// <summary>A host on a database another host made, e.g. to restart on the same data; it leaves the database behind.</summary>
    protected JunocalApp(TestDatabase database, bool ownsDatabase)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    /// <summary>Where emails land when no SMTP server is configured.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"junocal-mail-{Guid.NewGuid():N}");

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Junocal", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Sandbox:Enabled", "true");
        // Zoom's join links are https; the sandbox's follow its own URL unless told otherwise.
        builder.UseSetting("Sandbox:Zoom:BaseUrl", "https://zoom.sandbox.test/sandbox/zoom/");
        builder.UseSetting("Sandbox:Zoom:WebhookSecretToken", SandboxWebhookSecret);
        // Tests drive background work themselves; JobsApp runs the real scheduler.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("Security:TokenKeys:test", TestTokenKey);
        builder.UseSetting("Security:ActiveTokenKey", "test");
        // Tests speak plain HTTP to Kestrel on loopback; HTTPS in Production is tested behind a simulated proxy.
        builder.UseSetting("Https:Required", "false");
        builder.ConfigureServices(services =>
            // Password hashing at full strength costs ~100 ms a user; tests create many users.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        ConfigureTestHost(builder);
    }

    protected virtual void ConfigureTestHost(IWebHostBuilder builder)
    {
    }

    public async ValueTask InitializeAsync()
    {
        StartServer();
        await ResetAsync();
    }

    /// <summary>Empties the database and seeds the two demo studios again.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        await Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
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

        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
