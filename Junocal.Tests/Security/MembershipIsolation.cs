using System.Net;
using System.Text.RegularExpressions;
using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Security;

/// <summary>
/// One account in two studios: the demo owner of Juno Pilates is also a client of Other Studio. Whatever studio is
/// active, nothing of the other one can be read or changed — through a fresh request, a crafted id, or a circuit
/// (a long-lived scope) opened before a switch.
/// </summary>
public partial class MembershipIsolation(JunocalApp app) : AppTest(app)
{
    private Guid _juno;
    private Guid _other;
    private Guid _otherClass;
    private string _ownerId = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        _juno = await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
        _other = await db.Studios.Where(s => s.Name == "Other Studio").Select(s => s.Id).SingleAsync();
        _otherClass = await db.ClassSessions.Where(c => c.StudioId == _other).Select(c => c.Id).FirstAsync();
        _ownerId = await db.Users.Where(u => u.Email == DemoSeeder.OwnerEmail).Select(u => u.Id).SingleAsync();
        var client = Client.Create(_other, "Olivia Hart", DemoSeeder.OwnerEmail);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        await TestAccounts.AddMembershipAsync(App.Services, _ownerId, _other, Roles.Client, client.Id);
    }

    [Fact]
    public async Task WithTheFirstStudioActiveNothingOfTheSecondIsVisible()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();

        Assert.Equal(_juno, user.StudioId);
        Assert.Equal(Roles.Owner, user.Role);
        Assert.Equal(["Juno Pilates"], await db.Studios.Select(s => s.Name).ToListAsync());
        Assert.Null(await db.ClassSessions.FindAsync(_otherClass));
        Assert.All(await db.Memberships.ToListAsync(), m => Assert.Equal(_juno, m.StudioId));
        Assert.All(await db.Clients.ToListAsync(), c => Assert.Equal(_juno, c.StudioId));
    }

    [Fact]
    public async Task AfterSwitchingTheSecondStudioIsActiveWithItsOwnRole()
    {
        Assert.True(await App.Services.GetRequiredService<ActiveStudios>().ChooseAsync(_ownerId, _other, CancellationToken.None));

        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();

        Assert.Equal(_other, user.StudioId);
        Assert.Equal(Roles.Client, user.Role);
        Assert.Equal(["Other Studio"], await db.Studios.Select(s => s.Name).ToListAsync());
        Assert.All(await db.ClassSessions.ToListAsync(), c => Assert.Equal(_other, c.StudioId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<ScheduleService>().ListAsync(new ClassListQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task ACircuitOpenedBeforeASwitchCanNoLongerReadOrChangeItsStudio()
    {
        await using var circuit = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var schedule = circuit.ServiceProvider.GetRequiredService<ScheduleService>();
        Assert.NotEmpty((await schedule.ListAsync(new ClassListQuery(), CancellationToken.None)).Classes);

        Assert.True(await App.Services.GetRequiredService<ActiveStudios>().ChooseAsync(_ownerId, _other, CancellationToken.None));

        var factory = circuit.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>();
        Assert.Throws<UnauthorizedAccessException>(() => factory.CreateDbContext());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => schedule.ListAsync(new ClassListQuery(), CancellationToken.None));
        var scheduler = circuit.ServiceProvider.GetRequiredService<ClassScheduler>();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scheduler.CancelAsync(_otherClass, 1, "crafted", CancellationToken.None));
    }

    [Fact]
    public async Task ADeactivatedMembershipStopsAnOpenCircuitAndTheNextRequest()
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        await using var circuit = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var membership = await db.Memberships.SingleAsync(m => m.UserId == _ownerId && m.StudioId == _juno);
            membership.Deactivate();
            await db.SaveChangesAsync();
        }

        Assert.Throws<UnauthorizedAccessException>(() => circuit.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContext());
        var schedule = await browser.GetAsync("/schedule");
        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        Assert.Contains("/Account/AccessDenied", schedule.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/classes", "/classes")]
    [InlineData("//other.example/phish", "/")]
    [InlineData("/\\other.example/phish", "/")]
    [InlineData("https://other.example/phish", "/")]
    public async Task ASwitchReturnsToALocalPageOnly(string returnUrl, string expected)
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var switched = await PostSwitchAsync(browser, _other, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(expected, switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SwitchingThroughTheFormChangesWhatTheNextRequestSees()
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/schedule")).StatusCode);

        var switched = await PostSwitchAsync(browser, _other);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var schedule = await browser.GetAsync("/schedule");
        Assert.Contains("/Account/AccessDenied", schedule.Headers.Location!.ToString(), StringComparison.Ordinal);
        var classes = await browser.GetStringAsync("/classes");
        Assert.Contains("Other Studio Spin", classes, StringComparison.Ordinal);
        Assert.DoesNotContain("Reformer Flow", classes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASwitchInOneBrowserRenewsTheOtherBrowsersCookieOnItsNextRequest()
    {
        using var first = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        using var second = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        await PostSwitchAsync(second, _other);

        var schedule = await first.GetAsync("/schedule");
        Assert.Contains("/Account/AccessDenied", schedule.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Other Studio Spin", await first.GetStringAsync("/classes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchingToAStudioWithoutAMembershipIsRefusedAndChangesNothing()
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OtherOwnerEmail);

        var refused = await PostSwitchAsync(browser, _juno);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Other Studio Spin", await browser.GetStringAsync("/schedule"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStudioChooserListsBothStudiosAndTheStartPageKeepsTheLastUsed()
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var chooser = await browser.GetStringAsync("/studios");
        Assert.Contains("Juno Pilates · Owner (current)", chooser, StringComparison.Ordinal);
        Assert.Contains("Other Studio · Client", chooser, StringComparison.Ordinal);

        await PostSwitchAsync(browser, _other);
        using var later = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var start = await later.GetAsync("/");
        Assert.Equal("/classes", new Uri(new Uri(App.BaseUrl), start.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ASwitchWithoutTheAntiforgeryTokenIsRefused()
    {
        using var browser = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var response = await browser.PostAsync("/Account/SwitchStudio", new FormUrlEncodedContent(new Dictionary<string, string> { ["studioId"] = _other.ToString() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/schedule")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostSwitchAsync(HttpClient browser, Guid studioId, string? returnUrl = null)
    {
        var page = await browser.GetStringAsync("/studios");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await browser.PostAsync("/Account/SwitchStudio", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["studioId"] = studioId.ToString(),
            ["returnUrl"] = returnUrl ?? "",
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
