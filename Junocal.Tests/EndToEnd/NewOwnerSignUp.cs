using Junocal.Tests.Features.Account;
using Junocal.Web.Features.Account;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>A new owner creates their studio from the sign-in page and confirms by the link in the real email.</summary>
public sealed class NewOwnerSignUp(AccountsApp app, BrowserFixture browser) : IClassFixture<AccountsApp>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Owner = "mira@tidewater.test";

    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        app.ClearInbox();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SignsUpConfirmsByTheEmailedLinkAndLandsOnTheSchedule()
    {
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1366, Height = 900 },
            TimezoneId = "America/Chicago",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await PageChecks.ScreenshotAsync(page, "sign-in-desktop");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create your studio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your studio" })).ToBeVisibleAsync();
        // The zone the browser reports is filled in for the owner.
        await Expect(page.GetByLabel("Studio time zone")).ToHaveValueAsync("America/Chicago");
        await PageChecks.AssertAccessibleAsync(page);

        await page.GetByLabel("Studio name").FillAsync("Tidewater Barre");
        await page.GetByLabel("Your name").FillAsync("Mira Okafor");
        await page.GetByLabel("Your email").FillAsync(Owner);
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create studio" }).ClickAsync();
        await Expect(page.GetByText("Passwords must be at least 10 characters")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "sign-up-refused");

        await page.GetByLabel("Password").FillAsync("Tidewater-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create studio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "check-email");

        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(Owner)), AccountLinks.ConfirmEmailPath);
        await page.GotoAsync(link.AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your email" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "confirm-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/schedule$"));
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("studio-name")).ToHaveTextAsync("Tidewater Barre");
        await PageChecks.AssertAccessibleAsync(page);
        await Expect(page.GetByTestId("first-steps")).ToContainTextAsync("0 of 4 done");
        await PageChecks.ScreenshotAsync(page, "new-owner-schedule");
        await page.GetByTestId("copy-booking-link").ClickAsync();
        await Expect(page.GetByTestId("step-share")).ToHaveAttributeAsync("data-done", "true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Studio settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studio settings" })).ToBeVisibleAsync();
        await PageChecks.WaitForInteractivityAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Booking page address").FillAsync("tidewater");
        await page.GetByLabel("Contact email shown to clients (optional)").FillAsync("desk@tidewater.test");
        await Expect(page.GetByTestId("slug-warning")).ToContainTextAsync("the old address /s/tidewater-barre stops working");
        var zone = page.GetByTestId("zone-field");
        await Expect(page.Locator("#settings-time-zones option[value='America/Denver']")).ToHaveCountAsync(1);
        await zone.FillAsync("America/Denver");
        await zone.BlurAsync();
        await Expect(page.GetByTestId("zone-warning")).ToContainTextAsync("from America/Chicago to America/Denver keeps every class at the same moment");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "studio-settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByTestId("settings-saved")).ToHaveTextAsync("Settings saved.");
        await Expect(page.GetByTestId("zone-warning")).ToHaveCountAsync(0);
        await Expect(zone).ToHaveValueAsync("America/Denver");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mira Okafor" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "your-account");
    }

    [Theory]
    [InlineData("/Account/Login", "sign-in-phone")]
    [InlineData("/Account/SignUp", "sign-up-phone")]
    [InlineData("/Account/ForgotPassword", "forgot-password-phone")]
    public async Task AccountPagesFitAPhoneAndPassTheAccessibilityCheck(string path, string screenshot)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, screenshot);
    }
}
