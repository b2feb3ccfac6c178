using System.Text.RegularExpressions;
using Junocal.Domain.Meetings;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Zoom's daily limit as the owner and a client see it in Chromium: the schedule states the plan, a class starting
/// within 24 hours without its link is called out with the one-click way out (switch it to a custom link), and the
/// client's My bookings says on a phone when the Zoom link will be there.
/// </summary>
public class ZoomDailyLimitPlan(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int DailyLimit = 3;
    private const string AtRiskClass = "Early Flow";
    private const string PlannedClass = "Term class 4";
    private const string CustomLink = "https://meet.example.com/juno/early-flow";

    [Fact]
    public async Task TheOwnerSeesThePlanAndSwitchesTheClassAtRiskAndTheClientSeesWhenTheLinkWillCome()
    {
        // A winter Tuesday at 09:00 UTC (London is on UTC then), so the day, the next 00:00 UTC and "within 24 hours" are fixed.
        var clock = new ShiftedClock();
        var start = new DateTimeOffset(TestCalendar.NextYearOn(1, 12).OnOrAfter(DayOfWeek.Tuesday).AddHours(9), TimeSpan.Zero);
        clock.Advance(start - clock.GetUtcNow());
        await using var app = JunocalApp.With(new()
        {
            Settings = new Dictionary<string, string?>
            {
                ["Sandbox:Zoom:PerUserDailyLimit"] = $"{DailyLimit}",
                ["Zoom:DailyMeetingChangeLimit"] = $"{DailyLimit}",
                ["Meetings:ClassesAtOncePerStudio"] = "1",
            },
            Services = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        });
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync(); // its connection check makes the day's first meeting
        var today = start.UtcDateTime.Date;
        var classes = new List<Guid>();
        for (var day = 1; day <= 4; day++)
        {
            classes.Add(await kit.ScheduleZoomClassAsync($"Term class {day}", today.AddDays(day + 1), new TimeSpan(10, 0, 0)));
        }

        await kit.SweepAsync();
        var atRisk = await kit.ScheduleZoomClassAsync(AtRiskClass, today.AddDays(1), new TimeSpan(7, 0, 0)); // 22 hours away
        await kit.SweepAsync();
        Assert.Equal(MeetingSyncState.DailyLimit, (await kit.RowAsync(atRisk))!.State);
        Assert.Equal(MeetingSyncState.DailyLimit, (await kit.RowAsync(classes[3]))!.State);
        await kit.BookAsClientAsync(classes[3]);

        var owner = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.OwnerEmail);
        await PageChecks.OpenAsync(owner, app.BaseUrl + "/schedule");
        await Expect(owner.GetByTestId("quota-plan")).ToHaveTextAsync(new Regex(
            $"^Zoom allows {DailyLimit} new or changed meetings a day\\. \\d+ classes are waiting; their links will be created from .+, soonest first — the last by .+\\.$"));
        var line = owner.GetByTestId("at-risk-class").Filter(new() { HasText = AtRiskClass });
        await Expect(line).ToContainTextAsync($"{AtRiskClass}, ");
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "quota-plan-schedule");
        await owner.SetViewportSizeAsync(390, 844);
        await Expect(owner.GetByTestId("quota-at-risk")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "quota-plan-schedule-phone", fullPage: false);
        await owner.SetViewportSizeAsync(1366, 900);

        await line.GetByRole(AriaRole.Button, new() { Name = $"Switch to a custom link: {AtRiskClass}" }).ClickAsync();
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("input[data-testid=location-customlink]")).ToBeCheckedAsync();
        await PageChecks.AssertAccessibleAsync(owner);
        await dialog.GetByLabel("Link (https://…)").FillAsync(CustomLink);
        await dialog.GetByTestId("save").ClickAsync();
        await Expect(owner.GetByText("Class saved.")).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("quota-at-risk")).ToHaveCountAsync(0);
        await Expect(owner.GetByTestId("quota-plan")).ToBeVisibleAsync(); // the other classes still wait for tomorrow's quota
        await Expect(owner.GetByText("Class saved.")).ToBeHiddenAsync(); // axe reads a fading snackbar's text against the page
        await PageChecks.AssertAccessibleAsync(owner);
        await PageChecks.ScreenshotAsync(owner, "quota-plan-after-switch");

        var phone = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail, BrowserFixture.Phone());
        await PageChecks.OpenAsync(phone, app.BaseUrl + "/my-bookings");
        var cards = phone.GetByTestId("booking-card").Filter(new() { Visible = true });
        var card = cards.Filter(new() { HasText = PlannedClass }).First;
        // Five days out, behind the demo client's other bookings: "Show more" until it is on the page, as she would.
        while (await card.CountAsync() == 0)
        {
            var before = await cards.CountAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Show more upcoming bookings" }).ClickAsync();
            await Expect(cards).Not.ToHaveCountAsync(before);
        }

        await Expect(card.GetByTestId("join-note")).ToHaveTextAsync(new Regex("^The Zoom link will be here by \\w+ \\d+ \\w+\\.$"));
        await Expect(card.GetByTestId("join")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(phone);
        await card.ScrollIntoViewIfNeededAsync();
        await PageChecks.ScreenshotAsync(phone, "quota-plan-my-bookings-phone", fullPage: false);
    }
}
