using System.Text.RegularExpressions;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// A Google Meet class's life in Chromium, with the real background scheduler running: connect Google through the
/// sandbox's consent screen, schedule a class with "Google Meet (auto-generate link)" and watch "Creating Google Meet
/// link…" turn into the link, the client sees it on My bookings, and deleting the event on the Google sandbox's
/// dashboard clears it from the pages left open.
/// </summary>
[Collection(SharedAppHost.Name)]
public class GoogleMeetClassLife(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ClassName = "Meet: Mat Pilates";
    private const string Removed = "Google Meet link removed — the event was deleted in Google Calendar";
    private static readonly Regex MeetLink = new("^https://meet\\.google\\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}$");

    [Fact]
    public async Task AMeetClassGetsItsLinkAfterConnectingAndLosesItWhenTheEventIsDeletedInGoogle()
    {
        await using var app = JunocalApp.With(new() { Jobs = true, SweepInterval = TimeSpan.FromSeconds(2) });
        await app.InitializeAsync();
        var owner = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.OwnerEmail);

        await ConnectGoogleAsync(app, owner);

        // Google makes the conference later; it stays pending until the test lets the next read find it ready.
        app.Google.Knobs.ConferenceDelay = TimeSpan.FromDays(1);
        var classId = await ScheduleInTheDialogAsync(app, owner);
        await PageChecks.OpenAsync(owner, $"{app.BaseUrl}/classes/{classId}");
        var linkState = owner.GetByTestId("link-state");
        await Expect(linkState).ToHaveTextAsync("Creating Google Meet link…");
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "google-class-creating");

        app.Google.Knobs.ConferenceResolvesAfterGets = 1;
        var link = linkState.Locator("a");
        await Expect(link).ToHaveTextAsync(MeetLink);
        var joinUrl = (await link.TextContentAsync())!;
        Assert.Equal(joinUrl, Assert.Single(app.Google.Events).HangoutLink);
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "google-class-linked");

        await new MeetingTestKit(app).BookAsClientAsync(classId);
        var desk = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail);
        await PageChecks.OpenAsync(desk, app.BaseUrl + "/my-bookings");
        var row = BookingOf(desk);
        await Expect(row.GetByTestId("join")).ToHaveAttributeAsync("href", joinUrl);
        await Expect(row).ToContainTextAsync("Online · Google Meet");
        await PageChecks.AssertAccessibleAsync(desk);
        await PageChecks.ScreenshotAsync(desk, "google-my-bookings-desktop");
        var phone = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail, BrowserFixture.Phone());
        await PageChecks.OpenAsync(phone, app.BaseUrl + "/my-bookings");
        var card = BookingOf(phone);
        await Expect(card.GetByTestId("join")).ToHaveAttributeAsync("href", joinUrl);
        await PageChecks.AssertAccessibleAsync(phone);
        await card.ScrollIntoViewIfNeededAsync();
        await PageChecks.ScreenshotAsync(phone, "google-my-bookings-phone", fullPage: false);

        await DeleteOnTheGoogleDashboardAsync(app, owner.Context);

        // The pages left open hear of it from Google's notification, never reloaded.
        await Expect(linkState).ToContainTextAsync(Removed);
        await Expect(linkState.Locator("a")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "google-class-removed-in-google");
        await Expect(row.GetByTestId("join-note")).ToHaveTextAsync("The studio is arranging a new link.");
        await Expect(row.GetByTestId("join")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("join-note")).ToHaveTextAsync("The studio is arranging a new link.");
        await PageChecks.AssertAccessibleAsync(phone);
        await PageChecks.ScreenshotAsync(phone, "google-my-bookings-phone-removed-in-google", fullPage: false);
    }

    /// <summary>Integrations → Connect Google → the consent screen (the calendar box ticked, the owner's account) → Allow.</summary>
    private static async Task ConnectGoogleAsync(JunocalApp app, IPage page)
    {
        await PageChecks.OpenAsync(page, app.BaseUrl + "/settings/integrations");
        await Expect(page.GetByTestId("google-state")).ToHaveTextAsync("Not connected.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "google-integrations-not-connected");
        await page.GetByTestId("connect-google").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/sandbox/google/accounts/o/oauth2/v2/auth\\?"));
        var calendarScope = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(Regex.Escape("calendar.app.created")) });
        await Expect(calendarScope).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex(Regex.Escape($"({GoogleTestUsers.Owner.Email})")) }).CheckAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "google-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/settings/integrations\\?google=connected"));
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("google-state")).ToHaveTextAsync($"Connected as {GoogleTestUsers.Owner.Email}");
        await Expect(page.GetByTestId("google-message")).ToContainTextAsync("Google is connected.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "google-connected");
    }

    private static async Task<Guid> ScheduleInTheDialogAsync(JunocalApp app, IPage page)
    {
        await PageChecks.OpenAsync(page, app.BaseUrl + "/schedule");
        await page.GetByTestId("new-class").ClickAsync();
        await page.GetByLabel("Class name").FillAsync(ClassName);
        await ClassDialogSteps.PickInstructorAsync(page, "Maya Chen");
        await page.Locator("input[data-testid=location-googlemeet]").CheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("Class saved.")).ToBeVisibleAsync();

        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => c.Name == ClassName).Select(c => c.Id).SingleAsync();
    }

    /// <summary>The sandbox's "Google Calendar" in another tab: the event with its Meet link, then "Delete event in Google".</summary>
    private static async Task DeleteOnTheGoogleDashboardAsync(JunocalApp app, IBrowserContext context)
    {
        var dashboard = await context.NewPageAsync();
        await dashboard.GotoAsync(app.BaseUrl + "/sandbox/google/");
        var eventRow = dashboard.GetByRole(AriaRole.Row).Filter(new() { HasText = ClassName });
        await Expect(eventRow.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"Meet link for {Regex.Escape(ClassName)}$") })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(dashboard);
        await PageChecks.ScreenshotAsync(dashboard, "google-dashboard");
        await AssertFitsAsync(dashboard);

        await dashboard.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Delete event in Google\\W+{Regex.Escape(ClassName)}$") }).ClickAsync();
        await Expect(eventRow).ToContainTextAsync("Deleted");
        await PageChecks.AssertAccessibleAsync(dashboard);
        await PageChecks.ScreenshotAsync(dashboard, "google-dashboard-event-deleted");

        await dashboard.SetViewportSizeAsync(390, 844);
        await PageChecks.ScreenshotAsync(dashboard, "google-dashboard-phone");
        await AssertFitsAsync(dashboard);
        await PageChecks.AssertAccessibleAsync(dashboard);
    }

    /// <summary>
    /// The page never scrolls sideways, and the requests log, whose long calendar paths wrap, fits without scrolling
    /// its own box either.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var window = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(window[0] <= window[1], $"{page.Url} is {window[0]} px wide in a {window[1]} px window.");
        var requests = page.GetByRole(AriaRole.Region, new() { Name = "Requests received" });
        var log = await requests.EvaluateAsync<int[]>("box => [box.scrollWidth, box.clientWidth]");
        Assert.True(log[0] <= log[1], $"The requests log is {log[0]} px wide in its {log[1]} px box.");
    }

    /// <summary>
    /// The class on My bookings: a table row on a desktop, a card on a phone, and the card on top while it is the
    /// client's next class (which depends on the hour the test runs).
    /// </summary>
    private static ILocator BookingOf(IPage page) =>
        page.Locator("[data-testid=booking-row], [data-testid=booking-card]").Filter(new() { HasText = ClassName, Visible = true });
}
