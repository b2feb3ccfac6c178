using Junocal.Tests.Features.Account;
using Junocal.Web.Features.Account;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// A new owner creates their studio from the sign-in page and confirms by the link in the real email, invites an
/// instructor (who accepts in another browser), schedules a class with her, moves the booking page and time zone, and a
/// visitor books that class while creating an account. Every page on the way passes the accessibility check.
/// </summary>
public sealed class NewOwnerSignUp(AccountsApp app, BrowserFixture browser) : IClassFixture<AccountsApp>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Owner = "mira@tidewater.test";
    private const string Instructor = "nina@tidewater.test";
    private const string Visitor = "robin@example.com";
    private const string Password = "Tidewater-pass-1";

    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        app.ClearInbox();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SignsUpInvitesAnInstructorSchedulesAClassAndTakesTheFirstClientBooking()
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

        await page.GetByLabel("Password").FillAsync(Password);
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

        await InviteAnInstructorWhoAcceptsInAnotherBrowserAsync(page);
        await ScheduleAClassWithTheInstructorAsync(page);
        await ChangeTheStudiosSettingsAsync(page);
        await AVisitorBooksTheClassWhileCreatingAnAccountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Mira Okafor" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "your-account");
    }

    private async Task InviteAnInstructorWhoAcceptsInAnotherBrowserAsync(IPage owner)
    {
        await owner.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToBeVisibleAsync();
        await PageChecks.WaitForInteractivityAsync(owner);
        await owner.GetByTestId("invite").ClickAsync();
        await owner.GetByLabel("Name").FillAsync("Nina Alvarez");
        await owner.GetByLabel("Email").FillAsync(Instructor);
        await PageChecks.AssertAccessibleAsync(owner);
        await owner.GetByTestId("send-invitation").ClickAsync();
        await Expect(owner.GetByText($"Invitation sent to {Instructor}.")).ToBeVisibleAsync();

        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(Instructor)), "/invite/");
        await using (var ninasBrowser = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }))
        {
            var nina = await ninasBrowser.NewPageAsync();
            await nina.GotoAsync(link.AbsoluteUri);
            await Expect(nina.GetByRole(AriaRole.Heading, new() { Name = "Join Tidewater Barre" })).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(nina);
            await nina.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await nina.GetByLabel("Confirm password").FillAsync(Password);
            await nina.GetByTestId("create-and-accept").ClickAsync();
            await Expect(nina).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my-classes$"));
            await PageChecks.WaitForInteractivityAsync(nina);
            await PageChecks.AssertAccessibleAsync(nina);
        }

        await owner.ReloadAsync();
        await PageChecks.WaitForInteractivityAsync(owner);
        var row = owner.GetByTestId("person-row").Filter(new() { HasText = Instructor });
        await Expect(row.GetByTestId("person-status")).ToHaveTextAsync("Active");
    }

    private static async Task ScheduleAClassWithTheInstructorAsync(IPage owner)
    {
        await owner.GetByRole(AriaRole.Link, new() { Name = "Schedule" }).ClickAsync();
        await PageChecks.WaitForInteractivityAsync(owner);
        await Expect(owner.GetByTestId("step-instructors")).ToHaveAttributeAsync("data-done", "true");
        await Expect(owner.GetByTestId("step-class")).ToHaveAttributeAsync("data-done", "false");
        await owner.GetByTestId("new-class").ClickAsync();
        await owner.GetByLabel("Class name").FillAsync("Sunrise with Nina");
        await ClassDialogSteps.PickInstructorAsync(owner, "Nina Alvarez");
        await owner.GetByLabel("Room").FillAsync("Studio B");
        await owner.GetByTestId("save").ClickAsync();
        await Expect(owner.GetByText("Class saved.")).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("step-class")).ToHaveAttributeAsync("data-done", "true");
        await Expect(owner.GetByTestId("first-steps")).ToContainTextAsync("3 of 4 done");
        await Expect(owner.GetByText("Class saved.")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "new-owner-schedule-three-steps");
    }

    private static async Task ChangeTheStudiosSettingsAsync(IPage owner)
    {
        await owner.GetByRole(AriaRole.Link, new() { Name = "Studio settings" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Studio settings" })).ToBeVisibleAsync();
        await PageChecks.WaitForInteractivityAsync(owner);
        await PageChecks.AssertAccessibleAsync(owner);
        await owner.GetByLabel("Booking page address").FillAsync("tidewater");
        await owner.GetByLabel("Contact email shown to clients (optional)").FillAsync("desk@tidewater.test");
        await Expect(owner.GetByTestId("slug-warning")).ToContainTextAsync("the old address /s/tidewater-barre stops working");
        var zone = owner.GetByTestId("zone-field");
        await Expect(owner.Locator("#settings-time-zones option[value='America/Denver']")).ToHaveCountAsync(1);
        await zone.FillAsync("America/Denver");
        await zone.BlurAsync();
        // Tomorrow 09:00 in Chicago is 08:00 in Denver: the class keeps its moment.
        var warning = owner.GetByTestId("zone-warning");
        await Expect(warning).ToContainTextAsync("from America/Chicago to America/Denver keeps every class at the same moment");
        await Expect(warning).ToContainTextAsync("1 upcoming class will show new times");
        await Expect(warning.Locator("li")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Sunrise with Nina: .*09:00 becomes .*08:00"));
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "studio-settings");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(owner.GetByTestId("settings-saved")).ToHaveTextAsync("Settings saved.");
        await Expect(owner.GetByTestId("zone-warning")).ToHaveCountAsync(0);
        await Expect(zone).ToHaveValueAsync("America/Denver");
    }

    private async Task AVisitorBooksTheClassWhileCreatingAnAccountAsync()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync(app.BaseUrl + "/s/tidewater");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Tidewater Barre", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByText("desk@tidewater.test")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(visitor);
        await PageChecks.ScreenshotAsync(visitor, "new-studio-booking-page-phone");

        await visitor.GetByTestId("public-book").First.ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Book Sunrise with Nina" })).ToBeVisibleAsync();
        await visitor.GetByLabel("Your name").FillAsync("Robin Vale");
        await visitor.GetByLabel("Email").FillAsync(Visitor);
        await visitor.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await visitor.GetByLabel("Confirm password").FillAsync(Password);
        await PageChecks.AssertAccessibleAsync(visitor);
        await visitor.GetByTestId("sign-up-and-book").ClickAsync();
        await Expect(visitor.GetByTestId("check-email")).ToContainTextAsync(Visitor);
        await PageChecks.AssertAccessibleAsync(visitor);

        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(Visitor)), AccountLinks.ConfirmEmailPath);
        await visitor.GotoAsync(link.AbsoluteUri);
        await PageChecks.AssertAccessibleAsync(visitor);
        await visitor.GetByTestId("confirm-email").ClickAsync();

        await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my-bookings$"));
        await PageChecks.WaitForInteractivityAsync(visitor);
        await Expect(visitor.GetByText("Sunrise with Nina").First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(visitor);
        await PageChecks.ScreenshotAsync(visitor, "new-studio-first-booking-phone");
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
