using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Through a real circuit in Chromium: the demo owner of Juno Pilates is also a client of Other Studio. A schedule page
/// opened as Juno's owner stops showing Juno's data once she switches to Other Studio in another tab, and says why.
/// </summary>
public class StudioSwitchInAnOpenPage(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestAccounts.MakeTheDemoOwnerAClientOfOtherStudioAsync(App.Services);
    }

    [Fact]
    public async Task AnOpenPageOfTheOldStudioStopsShowingItsDataAfterASwitchInAnotherTab()
    {
        var schedule = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await schedule.GotoAsync(App.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(schedule);
        await Expect(schedule.GetByTestId("studio-name")).ToHaveTextAsync("Juno Pilates");
        await Expect(schedule.GetByTestId("week-class").First).ToBeVisibleAsync();

        var chooser = await schedule.Context.NewPageAsync();
        await chooser.GotoAsync(App.BaseUrl + "/studios");
        await chooser.GetByTestId("choose-studio").Filter(new() { HasText = "Other Studio" }).ClickAsync();
        await Expect(chooser.GetByTestId("studio-name")).ToHaveTextAsync("Other Studio");

        // The old page's circuit still holds Juno's owner; its next read of the studio's data is refused. That read may
        // already have happened on its own (a live-link refresh), leaving no week navigation to click: either way counts.
        await schedule.EvaluateAsync("() => document.querySelector('[data-testid=next]')?.click()");

        await Expect(schedule.GetByTestId("page-failed")).ToContainTextAsync("Your studio or role changed since this page opened");
        await Expect(schedule.GetByTestId("week-class")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(schedule);
        await PageChecks.ScreenshotAsync(schedule, "studio-switched-in-another-tab");

        await schedule.GetByTestId("reload-page").ClickAsync();
        // Reloaded, the page is Other Studio's client's: the schedule is not theirs to see, and nothing of Juno shows.
        await Expect(schedule.GetByTestId("page-failed")).ToHaveCountAsync(0);
        await Expect(schedule.GetByText("Juno Pilates")).ToHaveCountAsync(0);
        await Expect(schedule.GetByTestId("week-class")).ToHaveCountAsync(0);
        await schedule.Context.CloseAsync();
    }
}
