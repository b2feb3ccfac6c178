using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Sandbox.Users;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Components;

/// <summary>The Integrations page over the real services, as the help page's troubleshooting describes it.</summary>
[Collection(SharedAppHost.Name)]
public class IntegrationsPageRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        await ZoomFlow.ConnectOwnerAsync(app);
    }

    [Fact]
    public async Task ShowsNoBannerWhileZoomAcceptsJunocal()
    {
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(ZoomConnectionService), typeof(Junocal.Web.Integrations.GoogleMeet.GoogleConnectionService));

        var cut = Render<Junocal.Web.Features.Integrations.Integrations>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=disconnect-zoom]")));
        Assert.Empty(cut.FindAll("[data-testid=reconnect-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=reconnect-zoom]"));
        Assert.Equal($"Connected as {TestUsers.Owner.Email}", cut.Find("[data-testid=zoom-state]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=zoom-email-unknown]"));
    }

    [Fact]
    public async Task NamesTheZoomUserWithTheReasonAndTheRetryWhileTheConnectionCheckCouldNotRun()
    {
        var retry = new DateTimeOffset(TestCalendar.NextYearOn(1, 15), TimeSpan.Zero);
        await using (var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            // As the check leaves the connection when Zoom's daily limit refused its meeting.
            await db.ZoomConnections.ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ZoomEmail, (string?)null)
                .SetProperty(c => c.CheckProblem, "Zoom's daily limit for new meetings is reached")
                .SetProperty(c => c.CheckDueAt, retry), Xunit.TestContext.Current.CancellationToken);
        }

        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(ZoomConnectionService), typeof(Junocal.Web.Integrations.GoogleMeet.GoogleConnectionService));

        var cut = Render<Junocal.Web.Features.Integrations.Integrations>();

        cut.WaitForAssertion(() => Assert.Equal($"Connected (Zoom user {TestUsers.Owner.Id})", cut.Find("[data-testid=zoom-state]").TextContent.Trim()));
        Assert.Equal("Junocal could not check the email yet: Zoom's daily limit for new meetings is reached. It tries again after "
            + $"{StudioTime.DateTime(TimeZoneInfo.ConvertTime(retry, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime)}.",
            cut.Find("[data-testid=zoom-email-unknown]").TextContent.Trim());
        Assert.Contains("creating a meeting named \"Junocal connection check\" and deleting it at once", cut.Find("[data-testid=zoom-account-check]").TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsTheReconnectRequiredBannerAndAReconnectButtonOnceZoomRevokedTheGrant()
    {
        await app.Services.LoseGrantAsync(await app.Services.StudioIdAsync());
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(ZoomConnectionService), typeof(Junocal.Web.Integrations.GoogleMeet.GoogleConnectionService));

        var cut = Render<Junocal.Web.Features.Integrations.Integrations>();

        cut.WaitForAssertion(() => Assert.StartsWith("Reconnect required:", cut.Find("[data-testid=reconnect-banner]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("Click Reconnect", cut.Find("[data-testid=reconnect-banner]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Reconnect", cut.Find("[data-testid=reconnect-zoom]").TextContent.Trim());
    }
}
