using Junocal.Domain.Meetings;
using Junocal.Sandbox;
using Junocal.Sandbox.Webhooks;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom.Webhooks;
using Junocal.Tests.Meetings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Pages left open in Chromium while the class's meeting is deleted in the Zoom sandbox's dashboard in another tab:
/// the class page, the schedule and the client's My bookings each say so by themselves, never reloaded — also when
/// Zoom's webhook reaches another instance of the app than the one serving the page.
/// </summary>
public class LiveLinkState(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    private const string Removed = "Zoom link removed — the meeting was deleted in Zoom";
    private const string Topic = "Live Reformer";

    [Fact]
    public async Task OpenPagesSayTheLinkWasRemovedWhenTheMeetingIsDeletedInZoom()
    {
        var kit = new MeetingTestKit(App);
        var classId = await LinkedClassSoonAsync(kit);
        await kit.BookAsClientAsync(classId);
        var joinUrl = Assert.Single(kit.MeetingsFor(classId)).JoinUrl;

        var classPage = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await PageChecks.OpenAsync(classPage, $"{App.BaseUrl}/classes/{classId}");
        await Expect(classPage.GetByTestId("link-state").Locator("a")).ToHaveTextAsync(joinUrl);
        var schedule = await classPage.Context.NewPageAsync();
        await PageChecks.OpenAsync(schedule, App.BaseUrl + "/schedule");
        await schedule.GetByTestId("view-list").ClickAsync();
        var row = schedule.GetByTestId("class-row").Filter(new() { HasText = Topic });
        await Expect(row).ToContainTextAsync("Link ready");
        await PageChecks.AssertAccessibleAsync(schedule);
        var phone = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.ClientEmail, BrowserFixture.Phone());
        await PageChecks.OpenAsync(phone, App.BaseUrl + "/my-bookings");
        var card = phone.GetByTestId("booking-card").Filter(new() { HasText = Topic }).First;
        await Expect(card.GetByTestId("join")).ToHaveAttributeAsync("href", joinUrl);
        await PageChecks.AssertAccessibleAsync(phone);
        await card.ScrollIntoViewIfNeededAsync();
        await PageChecks.ScreenshotAsync(phone, "live-my-bookings-phone-before", fullPage: false);

        await DeleteInTheZoomDashboardAsync(classPage.Context);

        await Expect(classPage.GetByTestId("link-state")).ToContainTextAsync(Removed);
        await Expect(classPage.GetByTestId("link-state").Locator("a")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(classPage);
        await PageChecks.ScreenshotAsync(classPage, "live-class-page-removed-in-zoom");
        await Expect(row).ToContainTextAsync(Removed);
        await PageChecks.ScreenshotAsync(schedule, "live-schedule-list-removed-in-zoom");
        await Expect(card.GetByTestId("join-note")).ToHaveTextAsync("The studio is arranging a new link.");
        await Expect(card.GetByTestId("join")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(phone);
        await PageChecks.ScreenshotAsync(phone, "live-my-bookings-phone-removed-in-zoom", fullPage: false);
    }

    [Fact]
    public async Task AChangeMadeThroughAnotherInstanceReachesAPageServedByThisOne()
    {
        await using var first = JunocalApp.With(new());
        await first.InitializeAsync();
        await using var second = first.StartPeer();
        var kit = new MeetingTestKit(first);
        var classId = await LinkedClassSoonAsync(kit);
        var meetingId = Assert.Single(kit.MeetingsFor(classId)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Zoom's webhooks reach the second instance, as a load balancer in front of both may send them.
        var webhookUrl = new Uri(second.BaseUrl.TrimEnd('/') + ZoomWebhookRequests.Path);
        first.Services.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value.WebhookUrl = webhookUrl;

        var classPage = await browser.SignedInPageAsync(first.BaseUrl, DemoSeeder.OwnerEmail);
        await PageChecks.OpenAsync(classPage, $"{first.BaseUrl}/classes/{classId}");
        await Expect(classPage.GetByTestId("link-state").Locator("a")).ToHaveCountAsync(1);

        await DeleteInTheZoomDashboardAsync(classPage.Context, first);

        var delivery = await first.Zoom.WebhookDeliveries
            .Single(d => d.Event == WebhookEvents.MeetingDeleted && d.Body.Contains(meetingId, StringComparison.Ordinal))
            .Completion.WaitAsync(Eventually.Patience);
        Assert.Equal(webhookUrl, delivery.TargetUrl);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        await Expect(classPage.GetByTestId("link-state")).ToContainTextAsync(Removed);
        await PageChecks.ScreenshotAsync(classPage, "live-class-page-changed-on-another-instance");
    }

    /// <summary>A linked Zoom class two days from the studio's today, so the schedule's first list shows it.</summary>
    private static async Task<Guid> LinkedClassSoonAsync(MeetingTestKit kit)
    {
        await kit.ConnectZoomAsync();
        DateOnly today;
        await using (var owner = await kit.App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            today = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None)).Today;
        }

        var classId = await kit.ScheduleZoomClassAsync(Topic, today.AddDays(2).ToDateTime(TimeOnly.MinValue), new TimeSpan(9, 0, 0));
        Assert.Equal(MeetingSyncState.Linked, await kit.SyncAsync(classId));
        return classId;
    }

    private async Task DeleteInTheZoomDashboardAsync(IBrowserContext context, JunocalApp? host = null)
    {
        var zoom = await context.NewPageAsync();
        await zoom.GotoAsync((host ?? App).BaseUrl + "/sandbox/zoom/");
        await zoom.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Delete in Zoom\\W+{Topic}$") }).ClickAsync();
        await Expect(zoom.GetByText("No meetings.")).ToBeVisibleAsync();
    }
}
