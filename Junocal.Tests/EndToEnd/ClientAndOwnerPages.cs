using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

public class ClientAndOwnerPages(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AClientBooksAClassAndSeesItInMyBookings()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.ClientEmail);
        await page.GotoAsync(App.BaseUrl + "/classes");
        await PageChecks.WaitForInteractivityAsync(page);
        await PageChecks.AssertAccessibleAsync(page);

        var firstBookable = page.GetByTestId("book").First;
        var label = await firstBookable.GetAttributeAsync("aria-label");
        await firstBookable.ClickAsync();
        await Expect(page.GetByText(new Regex("^Booked .*A confirmation is on its way\\.$"))).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "client-classes");

        await page.GotoAsync(App.BaseUrl + "/my-bookings");
        await PageChecks.WaitForInteractivityAsync(page);
        var className = Regex.Match(label!, "^Book (.+) on ").Groups[1].Value;
        // The new booking is a row of the table, or the "Next class" card on top when it is the soonest.
        await Expect(page.Locator("[data-testid=booking-row]:visible, [data-testid=booking-card]:visible").Filter(new() { HasText = className }).First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "client-my-bookings");
    }

    [Fact]
    public async Task TheOwnerOpensTheClassDialogWithTheLocationPicker()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(App.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);

        await page.GetByTestId("new-class").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New class" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("location-zoom-reason")).ToContainTextAsync("Connect Zoom in Settings → Integrations");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "owner-new-class-dialog");

        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("Class name is required.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheOwnerSchedulesAClassThroughTheDialog()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(App.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);

        await page.GetByTestId("new-class").ClickAsync();
        await page.GetByLabel("Class name").FillAsync("Sunrise Mat");
        await ClassDialogSteps.PickInstructorAsync(page, "Leo Park");
        await page.GetByLabel("Room").FillAsync("Studio B");
        await page.GetByTestId("save").ClickAsync();

        await Expect(page.GetByText("Class saved.")).ToBeVisibleAsync();
        await page.GotoAsync(App.BaseUrl + "/audit");
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("audit-row").Filter(new() { HasText = "Scheduled \"Sunrise Mat\"" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "owner-audit-log");
    }

    [Fact]
    public async Task TheOwnerSeesAClassWithItsRosterAndHistory()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(App.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);

        await page.GetByTestId("week-class").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/classes/[0-9a-f-]{36}$"));
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Roster") })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "owner-class-detail");
    }
}
