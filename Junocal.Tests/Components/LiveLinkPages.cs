using AngleSharp.Dom;
using Bunit;
using Junocal.Domain.Meetings;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Junocal.Tests.Components;

/// <summary>
/// Pages left open over the real services while a class's meeting changes underneath them: the sync creates it, or
/// the meeting is deleted in the Zoom sandbox (its webhook reaches the app over HTTP). Each page shows the new link
/// state by itself, without a reload, and stops following once it is closed.
/// </summary>
[Collection(SharedAppHost.Name)]
public class LiveLinkPages(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    private const string Removed = "Zoom link removed — the meeting was deleted in Zoom. Reschedule to regenerate, or switch to a custom link.";

    private MeetingTestKit Kit => new(app);

    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        await Kit.ConnectZoomAsync();
    }

    [Fact]
    public async Task TheClassPageShowsTheLinkOnceTheSyncHasCreatedIt()
    {
        var classId = await Kit.ScheduleZoomClassAsync("Live Flow", TestCalendar.NextYearOn(12, 6), new TimeSpan(9, 0, 0));
        await SignInAsync(DemoSeeder.OwnerEmail);
        var cut = Render<ClassDetailPage>(p => p.Add(c => c.ClassId, classId));
        cut.WaitForAssertion(() => Assert.Equal("Creating Zoom meeting…", cut.Find("[data-testid=link-state]").TextContent.Trim()));

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        var joinUrl = Assert.Single(Kit.MeetingsFor(classId)).JoinUrl;
        cut.WaitForAssertion(() => Assert.Equal(joinUrl, cut.Find("[data-testid=link-state] a").GetAttribute("href")));
    }

    [Fact]
    public async Task TheClassPageSaysTheLinkWasRemovedWhenTheMeetingIsDeletedInZoom()
    {
        var classId = await LinkedClassAsync(TestCalendar.NextYearOn(12, 6));
        await SignInAsync(DemoSeeder.OwnerEmail);
        var cut = Render<ClassDetailPage>(p => p.Add(c => c.ClassId, classId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=link-state] a")));

        await DeleteInZoomAsync(classId);

        cut.WaitForAssertion(() => Assert.Equal(Removed, cut.Find("[data-testid=link-state]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=link-state] a"));
    }

    [Fact]
    public async Task TheWeekAndTheListFollowTheLinkOfTheClassesTheyShow()
    {
        await SignInAsync(DemoSeeder.OwnerEmail);
        var today = (await Services.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None)).Today;
        var classId = await LinkedClassAsync(today.AddDays(2).ToDateTime(TimeOnly.MinValue));
        var cut = RenderWithProviders<Schedule>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=week-class]")));
        if (WeekClass(cut) is null)
        {
            cut.Find("[data-testid=next]").Click(); // two days on from a Saturday or a Sunday is next week
        }

        cut.WaitForAssertion(() => Assert.Contains("Link ready", WeekClass(cut)?.TextContent, StringComparison.Ordinal));

        await DeleteInZoomAsync(classId);

        cut.WaitForAssertion(() => Assert.Contains(Removed, WeekClass(cut)?.TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=view-list]").Click();
        cut.WaitForAssertion(() => Assert.Contains(Removed, ListRow(cut)?.TextContent, StringComparison.Ordinal));
        await Kit.UpdateAsync(classId, form => form.StartTime = new TimeSpan(10, 0, 0)); // a reschedule regenerates the link

        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));

        cut.WaitForAssertion(() => Assert.Contains("Link ready", ListRow(cut)?.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MyBookingsTakesAwayTheJoinButtonWhenTheMeetingIsDeletedInZoom()
    {
        var classId = await LinkedClassAsync(TestCalendar.NextYearOn(12, 6));
        await Kit.BookAsClientAsync(classId);
        await SignInAsync(DemoSeeder.ClientEmail, typeof(ClientBookingService), typeof(TimeProvider));
        var cut = RenderWithProviders<MyBookingsPage>();
        ShowEveryUpcomingBooking(cut); // the class is months ahead, behind the demo client's first page of bookings
        var joinUrl = Assert.Single(Kit.MeetingsFor(classId)).JoinUrl;
        cut.WaitForAssertion(() => Assert.Equal(joinUrl, BookingCard(cut)?.QuerySelector("[data-testid=join]")?.GetAttribute("href")));

        await DeleteInZoomAsync(classId);

        cut.WaitForAssertion(() => Assert.Equal("The studio is arranging a new link.", BookingCard(cut)?.QuerySelector("[data-testid=join-note]")?.TextContent.Trim()));
        Assert.Null(BookingCard(cut)!.QuerySelector("[data-testid=join]"));
    }

    [Fact]
    public async Task AClosedPageStopsFollowingLinkChanges()
    {
        var changes = app.Services.GetRequiredService<MeetingChanges>();
        var before = changes.WatcherCount;
        var classId = await LinkedClassAsync(TestCalendar.NextYearOn(12, 6));
        await SignInAsync(DemoSeeder.OwnerEmail);
        var cut = Render<ClassDetailPage>(p => p.Add(c => c.ClassId, classId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=link-state] a")));
        Assert.Equal(before + 1, changes.WatcherCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, changes.WatcherCount);
    }

    private async Task<Guid> LinkedClassAsync(DateTime date)
    {
        var classId = await Kit.ScheduleZoomClassAsync("Live Flow", date, new TimeSpan(9, 0, 0));
        Assert.Equal(MeetingSyncState.Linked, await Kit.SyncAsync(classId));
        return classId;
    }

    /// <summary>As the owner would on Zoom's side: the meeting goes, and Zoom's webhook tells the app.</summary>
    private async Task DeleteInZoomAsync(Guid classId)
    {
        Assert.True(app.Zoom.DeleteMeetingInZoom(Assert.Single(Kit.MeetingsFor(classId)).Id));
        await Kit.WaitForWebhooksAsync();
    }

    private static IElement? WeekClass(IRenderedComponent<SchedulerRendering.ContainerFragment> cut) =>
        cut.FindAll("[data-testid=week-class]").SingleOrDefault(e => e.TextContent.Contains("Live Flow", StringComparison.Ordinal));

    private static void ShowEveryUpcomingBooking(IRenderedComponent<SchedulerRendering.ContainerFragment> cut)
    {
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=booking-card]")));
        while (cut.FindAll("[data-testid=more-upcoming] button") is [var more, ..])
        {
            var shown = cut.FindAll("[data-testid=booking-card]").Count;
            more.Click();
            cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=booking-card]").Count > shown));
        }
    }

    private static IElement? BookingCard(IRenderedComponent<SchedulerRendering.ContainerFragment> cut) =>
        cut.FindAll("[data-testid=booking-card]").SingleOrDefault(e => e.TextContent.Contains("Live Flow", StringComparison.Ordinal));

    private static IElement? ListRow(IRenderedComponent<SchedulerRendering.ContainerFragment> cut) =>
        cut.FindAll("[data-testid=class-row]").SingleOrDefault(e => e.TextContent.Contains("Live Flow", StringComparison.Ordinal));

    private IRenderedComponent<SchedulerRendering.ContainerFragment> RenderWithProviders<TPage>() where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Render<SchedulerRendering.ContainerFragment>(p => p.AddChildContent(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.OpenComponent<TPage>(3);
            b.CloseComponent();
        }));

    private async Task SignInAsync(string email, params Type[] more) =>
        await UseServicesOfAsync(app, email, [typeof(CurrentUser), typeof(ScheduleService), typeof(ClassScheduler), typeof(Junocal.Web.Features.Studios.FirstSteps), typeof(ActiveStudios), .. more]);
}
