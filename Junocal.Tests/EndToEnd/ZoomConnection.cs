using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>The help page's "Connecting Zoom — step by step" and "Disconnecting and revoking access", in Chromium against the sandbox.</summary>
public class ZoomConnection(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheOwnerConnectsZoomInFiveStepsThenDisconnects()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);

        // 2. Settings → Integrations, the Zoom card, "Connect Zoom".
        await page.GotoAsync(App.BaseUrl + "/settings/integrations");
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("zoom-state")).ToContainTextAsync("Not connected");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByTestId("connect-zoom").ClickAsync();

        // 3. Zoom's consent screen shows the three scopes; Authorize.
        await Expect(page).ToHaveURLAsync(new Regex("/sandbox/zoom/oauth/authorize"));
        await Expect(page.Locator("body")).ToContainTextAsync("meeting:write:meeting");
        await Expect(page.Locator("body")).ToContainTextAsync("meeting:update:meeting");
        await Expect(page.Locator("body")).ToContainTextAsync("meeting:delete:meeting");
        await PageChecks.ScreenshotAsync(page, "zoom-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();

        // 4. Back on Integrations: "Connected as <your-zoom-email>", and how Junocal learnt it.
        await Expect(page).ToHaveURLAsync(new Regex("/settings/integrations\\?zoom=connected"));
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("zoom-state")).ToHaveTextAsync($"Connected as {Junocal.Sandbox.Users.TestUsers.Owner.Email}");
        await Expect(page.GetByTestId("zoom-account-check")).ToContainTextAsync("creating a meeting named \"Junocal connection check\" and deleting it at once");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "zoom-connected");

        // 5. The Location picker now offers Zoom.
        await page.GotoAsync(App.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);
        await page.GetByTestId("new-class").ClickAsync();
        await Expect(page.Locator("input[data-testid=location-zoom]")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Escape");

        // Disconnect with its dialog.
        await page.GotoAsync(App.BaseUrl + "/settings/integrations");
        await PageChecks.WaitForInteractivityAsync(page);
        await page.GetByTestId("disconnect-zoom").ClickAsync();
        await page.GetByTestId("confirm-disconnect").ClickAsync();
        await Expect(page.GetByTestId("zoom-message")).ToContainTextAsync("Zoom is disconnected");
        await Expect(page.GetByTestId("zoom-state")).ToContainTextAsync("Not connected");
        await PageChecks.ScreenshotAsync(page, "zoom-disconnected");
    }

    [Fact]
    public async Task UninstallingFromTheZoomDashboardTurnsTheCardBackToNotConnected()
    {
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(App.BaseUrl + "/settings/integrations");
        await PageChecks.WaitForInteractivityAsync(page);
        await page.GetByTestId("connect-zoom").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await Expect(page.GetByTestId("zoom-state")).ToContainTextAsync("Connected");

        await page.GotoAsync(App.BaseUrl + "/sandbox/zoom/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uninstall app" }).First.ClickAsync();

        // Zoom's notification reaches the app on its own time; the page shows what was true when it opened.
        await Eventually.HoldsAsync(async () =>
        {
            await page.GotoAsync(App.BaseUrl + "/settings/integrations");
            await PageChecks.WaitForInteractivityAsync(page);
            return (await page.GetByTestId("zoom-state").TextContentAsync())?.Contains("Not connected", StringComparison.Ordinal) == true;
        }, "the Integrations page showing Zoom as not connected after the uninstall");
        await Expect(page.GetByTestId("zoom-state")).ToContainTextAsync("Not connected");
    }
}
