using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

public class OwnerSignIn(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDemoOwnerSignsInSeesTheScheduleAndSignsOut()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(App.BaseUrl + "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        await page.GetByLabel("Email").FillAsync(DemoSeeder.OwnerEmail);
        await page.GetByLabel("Password").FillAsync(SignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/schedule$"));
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("studio-name")).ToHaveTextAsync("Juno Pilates");
        await Expect(page.GetByTestId("week-class").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "owner-schedule");

        await page.GetByRole(AriaRole.Button, new() { Name = "Olivia Hart" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task AWrongPasswordShowsAClearMessageOnAnAccessiblePage()
    {
        await using var context = await browser.NewContextAsync(new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(App.BaseUrl + "/Account/Login");

        await page.GetByLabel("Email").FillAsync(DemoSeeder.OwnerEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That email and password combination is not right.");
        await PageChecks.AssertAccessibleAsync(page);
    }
}
