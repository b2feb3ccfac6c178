using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// The help page's "What happens during a class's life" in Chromium, with the real background scheduler running:
/// schedule with Zoom and the link appears; reschedule and it stays; delete the meeting in Zoom and it is cleared
/// on the class page and in My bookings; cancel a class and its meeting is gone.
/// </summary>
[Collection(SharedAppHost.Name)]
public class ZoomClassLife(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AZoomClassGetsItsLinkKeepsItAndLosesItAsTheHelpPageSays()
    {
        await using var app = JunocalApp.With(new() { Jobs = true, SweepInterval = TimeSpan.FromSeconds(2) });
        await app.InitializeAsync();
        var zoom = app.Zoom;
        await ZoomFlow.ConnectOwnerAsync(app);

        var page = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(app.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);
        await page.GetByTestId("new-class").ClickAsync();
        await page.GetByLabel("Class name").FillAsync("Teaching: Reformer Flow");
        await ClassDialogSteps.PickInstructorAsync(page, "Maya Chen");
        await page.Locator("input[data-testid=location-zoom]").CheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("Class saved.")).ToBeVisibleAsync();

        var classId = await ClassIdAsync(app, "Teaching: Reformer Flow");
        await page.GotoAsync($"{app.BaseUrl}/classes/{classId}");
        await PageChecks.WaitForInteractivityAsync(page);
        var link = page.GetByTestId("link-state").Locator("a");
        await Expect(link).ToHaveTextAsync(new Regex("^https://zoom\\.sandbox\\.test/.+/j/\\d+"));
        var joinUrl = await link.TextContentAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "zoom-class-linked");

        await using (var client = await app.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            Assert.True((await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None)).Succeeded);
        }

        var kit = new MeetingTestKit(app);
        await kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(19, 0, 0));
        await Eventually.HoldsAsync(() => zoom.Meetings.Any(m => m.StartTime.Hour == 19 - 1 || m.StartTime.Hour == 19), "The meeting moved to 19:00");
        await page.ReloadAsync();
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("link-state").Locator("a")).ToHaveTextAsync(joinUrl!);

        await page.GotoAsync(app.BaseUrl + "/sandbox/zoom/");
        // Connecting deleted its connection check meeting already: Zoom told of that delete too.
        var deletesBefore = zoom.WebhookDeliveries.Count(d => d.Event == "meeting.deleted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete in Zoom" }).First.ClickAsync();
        // The class page shows the state it finds; wait for Zoom's notification to be answered first.
        await Eventually.HoldsAsync(() => zoom.WebhookDeliveries.Count(d => d.Event == "meeting.deleted" && d.Status == Junocal.Sandbox.Webhooks.WebhookDeliveryStatus.Delivered) > deletesBefore
                && zoom.WebhookDeliveries.All(d => d.Status == Junocal.Sandbox.Webhooks.WebhookDeliveryStatus.Delivered),
            "Zoom's meeting.deleted answered");
        await page.GotoAsync($"{app.BaseUrl}/classes/{classId}");
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("link-state")).ToContainTextAsync("Zoom link removed — the meeting was deleted in Zoom");
        await PageChecks.ScreenshotAsync(page, "zoom-class-removed-in-zoom");

        var client2 = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail);
        await client2.GotoAsync(app.BaseUrl + "/my-bookings");
        await PageChecks.WaitForInteractivityAsync(client2);
        var row = client2.GetByTestId("booking-row").Filter(new() { HasText = "Teaching: Reformer Flow" });
        await Expect(row).ToContainTextAsync("The studio is arranging a new link.");
        await Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Join") })).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(client2, "zoom-client-my-bookings-after-removal");

        var other = await kit.ScheduleZoomClassAsync("Barre Burn", TestCalendar.NextYearOn(7, 1), new TimeSpan(18, 0, 0));
        await Eventually.ReturnsAsync(() => kit.RowAsync(other), row => row?.State == MeetingSyncState.Linked, what: "Barre Burn's link");
        await kit.CancelAsync(other);
        await Eventually.HoldsAsync(() => zoom.Meetings.All(m => m.Topic != "Barre Burn"), "Barre Burn's meeting gone from Zoom");
    }

    private static async Task<Guid> ClassIdAsync(JunocalApp app, string name)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }
}
