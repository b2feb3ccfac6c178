using System.Net;
using Junocal.Domain.Meetings;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// Junocal and Zoom as two processes, as in production: the Zoom sandbox running on its own
/// (<see cref="SandboxProcess"/>), and the app running on its own (<see cref="AppProcess"/>, one or more instances),
/// pointed at it through the <c>Zoom:*</c> settings exactly as at real Zoom. Both instances share the database of a
/// test host (<see cref="Host"/>, jobs off) that seeded the demo studios and acts as the owner saving classes; only
/// the app processes run the meeting sync, so killing them kills the sync while "Zoom" keeps its state.
/// </summary>
public sealed class AppBesideZoom : IAsyncDisposable
{
    private readonly List<AppProcess> _instances = [];
    private readonly List<Uri> _addresses = [];
    private readonly Dictionary<Uri, int> _starts = [];
    private readonly RunLog? _log;

    private AppBesideZoom(JunocalApp host, SandboxProcess zoom, Uri appUrl, string mailDirectory, RunLog? log)
    {
        Host = host;
        Zoom = zoom;
        AppUrl = appUrl;
        MailDirectory = mailDirectory;
        _log = log;
    }

    public JunocalApp Host { get; }

    public MeetingTestKit Kit => new(Host);

    public SandboxProcess Zoom { get; }

    /// <summary>Where the first instance listens, across restarts: Zoom's OAuth callback and webhook target.</summary>
    public Uri AppUrl { get; }

    /// <summary>Every instance writes its emails here (the pickup folder), so a duplicate is seen whoever sent it.</summary>
    public string MailDirectory { get; }

    /// <param name="zoomSettings">Settings of the sandbox process, e.g. <c>Sandbox__Zoom__PerUserDailyLimit</c>.</param>
    /// <param name="log">Keeps every process's output (the sandbox as "zoom", the instances as "app1#1", "app1#2", …).</param>
    public static async Task<AppBesideZoom> StartAsync(IReadOnlyDictionary<string, string>? zoomSettings = null, RunLog? log = null)
    {
        var host = JunocalApp.With(new TestHostOptions());
        await host.InitializeAsync();
        var appUrl = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/");
        var zoom = await SandboxProcess.StartAsync(appUrl, zoomSettings, log);
        return new AppBesideZoom(host, zoom, appUrl, Directory.CreateTempSubdirectory("junocal-mail-").FullName, log);
    }

    /// <summary>The name an instance's lines carry in the run log: its address's number and its start, e.g. "app2#5".</summary>
    public string NameOf(Uri address)
    {
        var number = _addresses.IndexOf(address) + 1;
        return number == 0 ? "app?" : $"app{number}#{_starts.GetValueOrDefault(address)}";
    }

    /// <summary>
    /// Starts an instance of the app on the shared database (the first at <see cref="AppUrl"/>, a second one on a port of
    /// its own) and waits until it serves.
    /// </summary>
    public async Task<AppProcess> StartInstanceAsync(Uri? url = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = url ?? AppUrl;
        var environment = new Dictionary<string, string>(Zoom.ZoomSettingsFor(AppUrl))
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Database__Provider"] = Host.Database.Provider,
            ["ConnectionStrings__Junocal"] = Host.Database.ConnectionString,
            ["Email__PickupDirectory"] = MailDirectory,
            ["Https__Required"] = "false",
            ["RateLimiting__AccountForms__PermitLimit"] = "1000",
            ["Jobs__MeetingSweepInterval"] = "00:00:01",
            ["Jobs__EmailDispatchInterval"] = "00:00:01",
            // Which worker took or left each class, for the run log.
            ["Logging__LogLevel__Junocal.Web.Meetings"] = "Debug",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        if (!_addresses.Contains(address))
        {
            _addresses.Add(address);
        }

        _starts[address] = _starts.GetValueOrDefault(address) + 1;
        var instance = AppProcess.Start(environment, _log?.For(NameOf(address)));
        _instances.Add(instance);
        await instance.WaitForLineAsync("Application started");
        return instance;
    }

    /// <summary>"Connect Zoom" over HTTP as the owner's browser takes it: the app, Zoom's consent form in the other process, the callback.</summary>
    public async Task ConnectZoomAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = AppUrl,
        };
        using var signIn = await SignIn.PostLoginAsync(client, DemoSeeder.OwnerEmail, SignIn.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var owner = await ZoomFlow.OpenAsync(client);
        var authorize = await ZoomFlow.StartAsync(owner);
        var callback = await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner, zoom: Zoom.Client);
        Assert.Equal(ZoomConnectMessage.Connected.Code, await ZoomFlow.CallbackAsync(owner, callback));
    }

    /// <summary>The meeting rows of the given classes, read from the shared database.</summary>
    public async Task<Dictionary<Guid, ClassMeeting>> RowsAsync(IReadOnlyCollection<Guid> classIds)
    {
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassMeetings.AsNoTracking().Where(m => classIds.Contains(m.ClassSessionId)).ToDictionaryAsync(m => m.ClassSessionId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Zoom.DisposeAsync();
        await Host.DisposeAsync();
        Directory.Delete(MailDirectory, recursive: true);
    }
}
