using System.Text.RegularExpressions;
using Junocal.Tests.Features.People;
using Junocal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Through the UI in Chromium: the owner invites an instructor, who accepts in another browser and gets a class;
/// a visitor finds the studio's public page, creates an account while booking, confirms it by email and is booked.
/// </summary>
public partial class StaffInvitationAndPublicBooking(PeopleHost host, BrowserFixture browser) : PeopleTest(host), IClassFixture<BrowserFixture>
{
    private const string Password = "Fresh-pass-42";

    [Fact]
    public async Task TheOwnerInvitesAnInstructorWhoAcceptsAndIsGivenAClass()
    {
        var owner = await browser.SignedInPageAsync(Host.BaseUrl, DemoSeeder.OwnerEmail);
        await owner.GotoAsync(Host.BaseUrl + "/people");
        await PageChecks.WaitForInteractivityAsync(owner);
        await PageChecks.AssertAccessibleAsync(owner);

        await owner.GetByTestId("invite").ClickAsync();
        await owner.GetByLabel("Name").FillAsync("Nina Alvarez");
        await owner.GetByLabel("Email").FillAsync("nina@example.com");
        await PageChecks.AssertAccessibleAsync(owner);
        await owner.GetByTestId("send-invitation").ClickAsync();
        await Expect(owner.GetByText("Invitation sent to nina@example.com.")).ToBeVisibleAsync();
        var row = owner.GetByTestId("person-row").Filter(new() { HasText = "nina@example.com" });
        await Expect(row.GetByTestId("person-status")).ToContainTextAsync("Invited");
        await PageChecks.ScreenshotAsync(owner, "owner-people");

        var link = await Host.InvitationPathForAsync("nina@example.com");
        await using (var ninasBrowser = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }))
        {
            var nina = await ninasBrowser.NewPageAsync();
            await nina.GotoAsync(Host.BaseUrl + link);
            await Expect(nina.GetByRole(AriaRole.Heading, new() { Name = "Join Juno Pilates" })).ToBeVisibleAsync();
            await Expect(nina.GetByLabel("Your name")).ToHaveValueAsync("Nina Alvarez");
            await PageChecks.AssertAccessibleAsync(nina);
            await PageChecks.ScreenshotAsync(nina, "invitation-accept-phone");
            await nina.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await nina.GetByLabel("Confirm password").FillAsync(Password);
            await nina.GetByTestId("create-and-accept").ClickAsync();
            await Expect(nina).ToHaveURLAsync(new Regex("/my-classes$"));
            await PageChecks.WaitForInteractivityAsync(nina);
        }

        await owner.ReloadAsync();
        await PageChecks.WaitForInteractivityAsync(owner);
        await Expect(row.GetByTestId("person-status")).ToHaveTextAsync("Active");

        await owner.GotoAsync(Host.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(owner);
        await owner.GetByTestId("new-class").ClickAsync();
        await owner.GetByLabel("Class name").FillAsync("Sunrise with Nina");
        await ClassDialogSteps.PickInstructorAsync(owner, "Nina Alvarez");
        await owner.GetByLabel("Room").FillAsync("Studio B");
        await owner.GetByTestId("save").ClickAsync();
        await Expect(owner.GetByText("Class saved.")).ToBeVisibleAsync();
        await owner.Context.CloseAsync();
    }

    [Fact]
    public async Task AVisitorCreatesAnAccountWhileBookingConfirmsByEmailAndFindsTheClassBooked()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync(Host.BaseUrl + "/s/juno-pilates");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Juno Pilates", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(visitor);
        await PageChecks.ScreenshotAsync(visitor, "public-booking-page-phone");
        var book = visitor.GetByTestId("public-book").First;
        var height = (await book.BoundingBoxAsync())!.Height;
        Assert.True(height >= 44, $"The Book button is {height}px high; a finger needs 44.");
        var label = await book.GetAttributeAsync("aria-label");
        var className = BookLabel().Match(label!).Groups[1].Value;

        await book.ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = $"Book {className}" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(visitor);
        await visitor.GetByLabel("Your name").FillAsync("Robin Vale");
        await visitor.GetByLabel("Email").FillAsync("robin@example.com");
        await visitor.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await visitor.GetByLabel("Confirm password").FillAsync(Password);
        await PageChecks.ScreenshotAsync(visitor, "public-book-sign-up-phone");
        await visitor.GetByTestId("sign-up-and-book").ClickAsync();
        await Expect(visitor.GetByTestId("check-email")).ToContainTextAsync("robin@example.com");
        await PageChecks.AssertAccessibleAsync(visitor);

        await Host.SendAccountEmailsAsync();
        var confirmation = Assert.Single(await Host.MailToAsync("robin@example.com"));
        await visitor.GotoAsync(ConfirmLink().Match(confirmation.TextBody!).Value);
        await visitor.GetByTestId("confirm-email").ClickAsync();

        // Confirming the email books the class chosen before: no second click.
        await Expect(visitor).ToHaveURLAsync(new Regex("/my-bookings$"));
        await PageChecks.WaitForInteractivityAsync(visitor);
        await Expect(visitor.GetByText(className).First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(visitor);
        await PageChecks.ScreenshotAsync(visitor, "public-booked-my-bookings-phone");
    }

    [Fact]
    public async Task ThePublicPageAndTheClientsPageReadWellOnADesktop()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync(Host.BaseUrl + "/s/juno-pilates");
        await PageChecks.AssertAccessibleAsync(visitor);
        await PageChecks.ScreenshotAsync(visitor, "public-booking-page");

        var owner = await browser.SignedInPageAsync(Host.BaseUrl, DemoSeeder.OwnerEmail);
        await owner.GotoAsync(Host.BaseUrl + "/clients");
        await PageChecks.WaitForInteractivityAsync(owner);
        await owner.GetByLabel("Search by name or email").FillAsync("alex");
        await Expect(owner.GetByTestId("client-row")).ToHaveCountAsync(1);
        await owner.GetByTestId("show-bookings").ClickAsync();
        await Expect(owner.GetByTestId("client-bookings")).ToContainTextAsync("Alex Morgan");
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "owner-clients");
        await owner.Context.CloseAsync();
    }

    [GeneratedRegex("^Book (.+) on ")]
    private static partial Regex BookLabel();

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
