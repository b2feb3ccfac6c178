using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Junocal.Tests.Components;

/// <summary>The schedule's quota plan and at-risk banner, over the real services, for the owner and only for the owner.</summary>
public class QuotaPlanBanners(QuotaHost host) : JunocalBunitContext, IAsyncLifetime, IClassFixture<QuotaHost>
{
    public async ValueTask InitializeAsync()
    {
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.ResetAsync();
        var kit = new MeetingTestKit(host);
        await kit.ConnectZoomAsync();
        for (var day = 1; day <= QuotaHost.DailyLimit + 1; day++)
        {
            await kit.ScheduleZoomClassAsync($"Day {day}", host.Clock.GetUtcNow().AddDays(day).Date, new TimeSpan(9, 0, 0));
        }

        var soon = host.Clock.GetUtcNow().AddHours(20);
        await kit.SweepAsync();
        await kit.ScheduleZoomClassAsync("Early Flow", soon.Date, new TimeSpan(soon.Hour, 0, 0));
        await kit.SweepAsync();
    }

    [Fact]
    public async Task TheOwnerSeesThePlanAndTheWayOutForAClassAtRisk()
    {
        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = RenderSchedule();

        cut.WaitForAssertion(() => Assert.StartsWith($"Zoom allows {QuotaHost.DailyLimit} new or changed meetings a day. ",
            cut.Find("[data-testid=quota-plan]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.StartsWith("Early Flow, ", cut.Find("[data-testid=at-risk-class]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Switch to a custom link: Early Flow", cut.Find("[data-testid=switch-to-custom-link]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task FrontDeskSeesNoPlan()
    {
        await SignInAsync(DemoSeeder.FrontDeskEmail);

        var cut = RenderSchedule();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=week-class]")));
        Assert.Empty(cut.FindAll("[data-testid=quota-plan]"));
        Assert.Empty(cut.FindAll("[data-testid=quota-at-risk]"));
    }

    private IRenderedComponent<SchedulerRendering.ContainerFragment> RenderSchedule() =>
        Render<SchedulerRendering.ContainerFragment>(p => p.AddChildContent(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.OpenComponent<Schedule>(3);
            b.CloseComponent();
        }));

    private Task<AsyncServiceScope> SignInAsync(string email) =>
        UseServicesOfAsync(host, email, typeof(CurrentUser), typeof(ScheduleService), typeof(ClassScheduler), typeof(Junocal.Web.Features.Studios.FirstSteps));

    ValueTask IAsyncDisposable.DisposeAsync() => DisposeAsync();
}
