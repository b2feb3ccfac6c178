using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Every page a client uses, on a 390 × 844 touch phone and on a 320 px one: nothing scrolls sideways, every
/// Book / Join / Cancel button sits wholly on screen and is at least 44 px high, and axe finds nothing serious.
/// </summary>
public class ClientPagesOnAPhone(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    // A custom link as long as the ones meeting services hand out, so wrapping is put to the test.
    private const string LongLink =
        "https://meet.example.com/rooms/juno-pilates-evening-flow-with-maya-chen/join?pwd=Zk9xR2t4UXJvVnBuY0hWbE1yN0p3QT09&uname=client";

    public static TheoryData<int, int> Phones => new() { { 390, 844 }, { 320, 640 } };

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task SignInFitsThePhone(int width, int height)
    {
        var page = await PhoneAsync(width, height);

        await page.GotoAsync(App.BaseUrl + "/Account/Login");

        await AssertFitsAsync(page, expectActions: false);
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        await AssertTouchSizedAndOnScreenAsync(page, signIn);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-sign-in", fullPage: false);
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task ClassesShowsOneCardPerClassWithItsBookButtonOnScreen(int width, int height)
    {
        var page = await SignedInPhoneAsync(width, height);

        await page.GotoAsync(App.BaseUrl + "/classes");
        await PageChecks.WaitForInteractivityAsync(page);

        await Expect(page.GetByTestId("class-card").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("class-row").First).ToBeHiddenAsync();
        await Expect(page.GetByTestId("class-card").Filter(new() { HasText = "Online" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("auto-generated")).ToHaveCountAsync(0);
        await AssertFitsAsync(page, expectActions: true);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-classes", fullPage: false);

        var book = page.GetByTestId("book").Filter(new() { Visible = true }).First;
        await book.TapAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Booked .*A confirmation is on its way\\.$"))).ToBeVisibleAsync();
        await AssertFitsAsync(page, expectActions: true);
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task MyBookingsPutsTheNextClassOnTopWithJoinNow(int width, int height)
    {
        await BookClassStartingSoonAsync();
        var page = await SignedInPhoneAsync(width, height);

        await page.GotoAsync(App.BaseUrl + "/my-bookings");
        await PageChecks.WaitForInteractivityAsync(page);

        var next = page.Locator(".next-class").GetByTestId("booking-card");
        await Expect(next).ToContainTextAsync("Starting Soon Flow");
        var join = next.GetByTestId("join");
        await Expect(join).ToHaveAttributeAsync("href", LongLink);
        await Expect(join).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Join now — starts in \\d+ min$"));
        await Expect(next.GetByTestId("calendar-file")).ToBeVisibleAsync();
        await Expect(next.GetByTestId("google-calendar")).ToBeVisibleAsync();
        await AssertFitsAsync(page, expectActions: true);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-my-bookings", fullPage: false);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-my-bookings-full");
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task TheUserMenuAndNavigationMoveIntoTheDrawer(int width, int height)
    {
        var page = await SignedInPhoneAsync(width, height);
        await page.GotoAsync(App.BaseUrl + "/classes");
        await PageChecks.WaitForInteractivityAsync(page);

        await Expect(page.GetByTestId("user-menu")).ToBeHiddenAsync();
        await AssertInsideViewportAsync(page, page.Locator(".mud-appbar .mud-toolbar > *"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).TapAsync();
        var drawer = page.Locator(".mud-drawer");
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "My bookings" })).ToBeVisibleAsync();
        var account = drawer.GetByTestId("drawer-user");
        await Expect(account).ToContainTextAsync(DemoSeeder.ClientEmail);
        var signOut = account.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        // The open class arrives with a render; until then no transition runs and there is nothing to wait for.
        await Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 1 });
        await PageChecks.WaitForAnimationsAsync(page); // the drawer has slid in
        await AssertTouchSizedAndOnScreenAsync(page, signOut);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-drawer", fullPage: false);

        await drawer.GetByRole(AriaRole.Link, new() { Name = "My bookings" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my-bookings$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My bookings" })).ToBeVisibleAsync();
        await Expect(drawer.GetByTestId("drawer-user")).Not.ToBeInViewportAsync(); // the drawer gets out of the way
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task ThePublicStudioPageAndBookingWithSignUpFitThePhone(int width, int height)
    {
        var page = await PhoneAsync(width, height);

        await page.GotoAsync(App.BaseUrl + "/s/juno-pilates");

        await Expect(page.GetByTestId("public-class").First).ToBeVisibleAsync();
        await AssertFitsAsync(page, expectActions: true);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-public-studio", fullPage: false);

        await page.GetByTestId("public-book").First.TapAsync();
        await Expect(page.GetByTestId("book-summary")).ToBeVisibleAsync();
        await AssertFitsAsync(page, expectActions: true);
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-public-book-sign-up", fullPage: false);
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task StudioSignUpFitsThePhone(int width, int height)
    {
        var page = await PhoneAsync(width, height);

        await page.GotoAsync(App.BaseUrl + "/Account/SignUp");

        await AssertFitsAsync(page, expectActions: false);
        await AssertTouchSizedAndOnScreenAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create studio" }));
        await PageChecks.ScreenshotAsync(page, $"phone-{width}-studio-sign-up", fullPage: false);
    }

    private async Task<IPage> PhoneAsync(int width, int height) =>
        await (await browser.NewContextAsync(BrowserFixture.Phone(width, height))).NewPageAsync();

    private Task<IPage> SignedInPhoneAsync(int width, int height) =>
        browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.ClientEmail, BrowserFixture.Phone(width, height));

    /// <summary>A class with a long custom link, starting ten minutes from the host's now, booked by the demo client.</summary>
    private async Task BookClassStartingSoonAsync()
    {
        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var services = owner.ServiceProvider;
            await using var db = await services.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();
            var zone = await db.StudioTimeZoneAsync(CancellationToken.None);
            var startsLocal = zone.ToLocal(services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(10));
            var options = await services.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
            var result = await services.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
            {
                Name = "Starting Soon Flow", InstructorId = options.Instructors[0].Id, Date = startsLocal.Date,
                StartTime = new TimeSpan(startsLocal.Hour, startsLocal.Minute, 0), DurationMinutes = 45, Capacity = 10,
                LocationKind = LocationKind.CustomLink, CustomUrl = LongLink,
            }, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
            // A demo class of the client's running right now, or starting sooner, would be the next class instead.
            var soonClass = Assert.Single(result.ClassIds);
            var starts = await db.ClassSessions.Where(c => c.Id == soonClass).Select(c => c.StartsAt).SingleAsync();
            await using var system = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            var alex = await system.Clients.Where(c => c.Email == DemoSeeder.ClientEmail).Select(c => c.Id).SingleAsync();
            var earlier = system.ClassSessions.Where(c => c.StartsAt < starts).Select(c => c.Id);
            await system.Bookings.Where(b => b.ClientId == alex && earlier.Contains(b.ClassSessionId)).ExecuteDeleteAsync();
            await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
            var booked = await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(soonClass, CancellationToken.None);
            Assert.True(booked.Succeeded, booked.Error);
        }
    }

    /// <summary>No sideways scroll; every action button on screen once scrolled to, and thumb-sized; axe clean.</summary>
    private static async Task AssertFitsAsync(IPage page, bool expectActions)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow} px");

        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const actions = [...document.querySelectorAll('[data-testid=book], [data-testid=join], [data-testid=cancel-booking], [data-testid=public-book], [data-testid=confirm-book], [data-testid=sign-up-and-book]')]
                .filter(el => el.getClientRects().length > 0);
              const problems = [];
              for (const el of actions) {
                el.scrollIntoView({ block: 'center', inline: 'nearest' });
                const r = el.getBoundingClientRect();
                const name = (el.getAttribute('aria-label') || el.textContent).trim();
                if (r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight)
                  problems.push(`${name}: not inside the viewport (${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.right)}, ${Math.round(r.bottom)})`);
                if (r.height < 44) problems.push(`${name}: only ${r.height} px high`);
              }
              window.scrollTo(0, 0);
              return actions.length === 0 ? ['no actions'] : problems;
            }
            """);
        if (expectActions)
        {
            Assert.Empty(problems);
        }

        await PageChecks.AssertAccessibleAsync(page);
    }

    private static async Task AssertTouchSizedAndOnScreenAsync(IPage page, ILocator element)
    {
        await element.ScrollIntoViewIfNeededAsync();
        var box = (await element.BoundingBoxAsync())!;
        var viewport = page.ViewportSize!;
        Assert.True(box.Height >= 44, $"{await element.TextContentAsync()} is only {box.Height} px high");
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width && box.Y >= 0 && box.Y + box.Height <= viewport.Height,
            $"{await element.TextContentAsync()} is not inside the viewport: {box.X}, {box.Y}, {box.Width} × {box.Height}");
    }

    private static async Task AssertInsideViewportAsync(IPage page, ILocator elements)
    {
        var viewport = page.ViewportSize!;
        foreach (var element in await elements.AllAsync())
        {
            if (await element.BoundingBoxAsync() is { } box && box.Width > 0)
            {
                Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width, $"App bar item cut off: {box.X} + {box.Width} > {viewport.Width}");
            }
        }
    }
}
