using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Studios;

namespace Junocal.Tests.Components;

/// <summary>The owner's first-steps checklist over the real services and database: each step ticks itself from the studio's data.</summary>
[Collection(SharedAppHost.Name)]
public class FirstStepsChecklistRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    [Fact]
    public async Task TicksTheStepsTheStudioHasDone()
    {
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(FirstSteps));

        var cut = Render<FirstStepsChecklist>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=first-steps]")));
        Assert.Equal("true", cut.Find("[data-testid=step-instructors]").GetAttribute("data-done")); // the demo studio has instructors
        Assert.Equal("false", cut.Find("[data-testid=step-zoom]").GetAttribute("data-done"));
        Assert.Equal("true", cut.Find("[data-testid=step-class]").GetAttribute("data-done"));
        Assert.Equal("false", cut.Find("[data-testid=step-share]").GetAttribute("data-done"));
        Assert.Contains("2 of 4 done", cut.Find("[data-testid=first-steps]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/s/juno-pilates", cut.Find("[data-testid=booking-page-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("/settings/integrations", cut.Find("[data-testid=step-zoom] a").GetAttribute("href"));
    }

    [Fact]
    public async Task CopyingTheBookingPageLinkTicksTheSharingStep()
    {
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(FirstSteps));
        var cut = Render<FirstStepsChecklist>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=copy-booking-link]")));

        cut.Find("[data-testid=copy-booking-link]").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=step-share]").GetAttribute("data-done")));
        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
    }

    [Fact]
    public async Task IsGoneOnceTheLastStepIsDone()
    {
        await ZoomFlow.ConnectOwnerAsync(app);
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(FirstSteps));
        var cut = Render<FirstStepsChecklist>();
        cut.WaitForAssertion(() => Assert.Contains("3 of 4 done", cut.Find("[data-testid=first-steps]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=copy-booking-link]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=first-steps]")));
    }

    [Theory]
    [InlineData(DemoSeeder.FrontDeskEmail)]
    [InlineData(DemoSeeder.InstructorEmail)]
    public async Task ShowsNothingToStaffWhoAreNotTheOwner(string email)
    {
        await UseServicesOfAsync(app, email, typeof(FirstSteps));

        var cut = Render<FirstStepsChecklist>();

        Assert.Empty(cut.FindAll("[data-testid=first-steps]"));
    }
}
