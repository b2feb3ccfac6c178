using System.Text.RegularExpressions;
using Junocal.Domain.Scheduling;
using Junocal.Sandbox;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.AspNetCore.Hosting;
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
        await using var app = new JobsApp();
        await app.InitializeAsync();
        var zoom = app.Services.GetRequiredService<ZoomSandboxState>();
        zoom.Reset();
        await ZoomFlow.ConnectOwnerAsync(app);

        var page = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.OwnerEmail);
        await page.GotoAsync(app.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(page);
        await page.GetByTestId("new-class").ClickAsync();
        await page.GetByLabel("Class name").FillAsync("Teaching: Reformer Flow");
        await page.Locator(".mud-dialog .mud-select .mud-input-control").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Maya Chen" }).ClickAsync();
        await page.Locator("input[data-testid=location-zoom]").CheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("Class saved.")).ToBeVisibleAsync();

        var classId = await ClassIdAsync(app, "Teaching: Reformer Flow");
        await page.GotoAsync($"{app.BaseUrl}/classes/{classId}");
        await PageChecks.WaitForInteractivityAsync(page);
        var link = page.GetByTestId("link-state").Locator("a");
        await Expect(link).ToHaveTextAsync(new Regex("^https://zoom\\.sandbox\\.test/.+/j/\\d+"), new() { Timeout = 20_000 });
        var joinUrl = await link.TextContentAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "zoom-class-linked");

        await using (var client = await app.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            Assert.True((await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None)).Succeeded);
        }

        await RescheduleAsync(app, classId);
        await WaitUntilAsync(() => zoom.Meetings.Any(m => m.StartTime.Hour == 19 - 1 || m.StartTime.Hour == 19), TimeSpan.FromSeconds(20));
        await page.ReloadAsync();
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("link-state").Locator("a")).ToHaveTextAsync(joinUrl!);

        await page.GotoAsync(app.BaseUrl + "/sandbox/zoom/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete in Zoom" }).First.ClickAsync();
        // The class page shows the state it finds; wait for Zoom's notification to be answered first.
        await WaitUntilAsync(() => zoom.WebhookDeliveries.Any(d => d.Event == "meeting.deleted" && d.Status == Junocal.Sandbox.Webhooks.WebhookDeliveryStatus.Delivered), TimeSpan.FromSeconds(30));
        await page.GotoAsync($"{app.BaseUrl}/classes/{classId}");
        await PageChecks.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("link-state")).ToContainTextAsync("Zoom link removed — the meeting was deleted in Zoom", new() { Timeout = 15_000 });
        await PageChecks.ScreenshotAsync(page, "zoom-class-removed-in-zoom");

        var client2 = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail);
        await client2.GotoAsync(app.BaseUrl + "/my-bookings");
        await PageChecks.WaitForInteractivityAsync(client2);
        var row = client2.GetByTestId("booking-row").Filter(new() { HasText = "Teaching: Reformer Flow" });
        await Expect(row).ToContainTextAsync("The studio is arranging a new link.");
        await Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Join") })).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(client2, "zoom-client-my-bookings-after-removal");

        var other = await ScheduleZoomClassAsync(app, "Barre Burn");
        await WaitUntilAsync(() => zoom.Meetings.Any(m => m.Topic == "Barre Burn"), TimeSpan.FromSeconds(20));
        await CancelAsync(app, other);
        await WaitUntilAsync(() => zoom.Meetings.All(m => m.Topic != "Barre Burn"), TimeSpan.FromSeconds(20));
    }

    private static async Task<Guid> ClassIdAsync(JunocalApp app, string name)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static async Task RescheduleAsync(JunocalApp app, Guid classId)
    {
        await using var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var (form, version) = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value;
        form.StartTime = new TimeSpan(19, 0, 0);
        Assert.True((await owner.ServiceProvider.GetRequiredService<ClassScheduler>().UpdateAsync(classId, version, form, CancellationToken.None)).Succeeded);
    }

    private static async Task<Guid> ScheduleZoomClassAsync(JunocalApp app, string name)
    {
        await using var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
        {
            Name = name, InstructorId = options.Instructors[0].Id, Date = DateTime.UtcNow.Date.AddDays(5), StartTime = new TimeSpan(18, 0, 0),
            DurationMinutes = 45, Capacity = 10, LocationKind = LocationKind.Zoom,
        }, CancellationToken.None);
        return Assert.Single(result.ClassIds);
    }

    private static async Task CancelAsync(JunocalApp app, Guid classId)
    {
        await using var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var version = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value.Version;
        Assert.True((await owner.ServiceProvider.GetRequiredService<ClassScheduler>().CancelAsync(classId, version, null, CancellationToken.None)).Succeeded);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The sandbox did not reach the expected state in time.");
            }

            await Task.Delay(200);
        }
    }
    private sealed class JobsApp : JunocalApp
    {
        protected override void ConfigureTestHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Jobs:Enabled", "true");
            builder.UseSetting("Jobs:MeetingSweepInterval", "00:00:02");
        }
    }
}
