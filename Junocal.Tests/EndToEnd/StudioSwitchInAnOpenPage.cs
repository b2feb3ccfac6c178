using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Junocal.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Through a real circuit in Chromium: the demo owner of Juno Pilates is also a client of Other Studio. A schedule page
/// opened as Juno's owner stops showing Juno's data once she switches to Other Studio in another tab, and says why.
/// </summary>
public class StudioSwitchInAnOpenPage(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOpenPageOfTheOldStudioStopsShowingItsDataAfterASwitchInAnotherTab()
    {
        await TestAccounts.MakeTheDemoOwnerAClientOfOtherStudioAsync(App.Services);
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

    [Fact]
    public async Task AClassLinkOfAnotherOfHerStudiosOffersToOpenItThere()
    {
        var other = await TestAccounts.MakeTheDemoOwnerAnOwnerOfOtherStudioAsync(App.Services);
        Guid junoClass;
        string name;
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            (junoClass, name) = await db.ClassSessions.Where(c => c.StudioId != other).OrderBy(c => c.StartsAt)
                .Select(c => ValueTuple.Create(c.Id, c.Name)).FirstAsync();
        }

        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(App.BaseUrl + "/studios");
        await page.GetByTestId("choose-studio").Filter(new() { HasText = "Other Studio" }).ClickAsync();
        await Expect(page.GetByTestId("studio-name")).ToHaveTextAsync("Other Studio");

        // As from the owner's alert email: the class is Juno's, and Other Studio is the active one.
        await PageChecks.OpenAsync(page, $"{App.BaseUrl}/classes/{junoClass}");
        await Expect(page.GetByTestId("class-elsewhere")).ToHaveTextAsync("This class is in Juno Pilates, another of your studios.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "class-in-another-studio");
        await page.SetViewportSizeAsync(390, 844);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "class-in-another-studio-phone", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open it in Juno Pilates" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}/classes/{junoClass}");
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("studio-name")).ToHaveTextAsync("Juno Pilates");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("class-elsewhere")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AClassOfAStudioWhereSheIsOnlyAClientStaysNotFound()
    {
        var other = await TestAccounts.MakeTheDemoOwnerAClientOfOtherStudioAsync(App.Services);
        Guid otherClass;
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            otherClass = await db.ClassSessions.Where(c => c.StudioId == other).Select(c => c.Id).FirstAsync();
        }

        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var html = await owner.GetStringAsync($"/classes/{otherClass}");

        Assert.Contains("This class does not exist, or it is not one you can see.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class-elsewhere", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Studio", html, StringComparison.Ordinal);
    }
}
