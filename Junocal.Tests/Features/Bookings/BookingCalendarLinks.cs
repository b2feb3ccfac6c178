using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Bookings;

/// <summary>"Add to calendar" from My bookings: the calendar file and the Google Calendar link, through the real host.</summary>
public class BookingCalendarLinks(JunocalApp app) : AppTest(app)
{
    private const string NewLink = "https://zoom.sandbox.test/sandbox/zoom/j/89999999999?pwd=new";

    private static readonly DateTime Day = TestCalendar.NextYearOn(6, 14);

    [Fact]
    public async Task TheCalendarFileCarriesTheCurrentJoinLinkAndTheStudiosClock()
    {
        var (bookingId, classId) = await BookedZoomClassAsync();
        var firstLink = (await new MeetingTestKit(App).RowAsync(classId))!.JoinUrl!;
        using var client = await SignIn.AsAsync(App, DemoSeeder.ClientEmail);

        var response = await client.GetAsync(BookingCalendarEndpoints.CalendarFilePath(bookingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendarEvent = Assert.Single(Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!.Events);
        Assert.Equal(firstLink, calendarEvent.Url!.ToString());
        Assert.Equal("Europe/London", calendarEvent.DtStart!.TzId);
        // 14 June is summer time in London: 18:00 on the studio's clock is 17:00 UTC.
        Assert.Equal(Day.AddHours(18), calendarEvent.DtStart.Value);
        Assert.Equal(DateTime.SpecifyKind(Day.AddHours(17), DateTimeKind.Utc), calendarEvent.DtStart.AsUtc);
        Assert.Equal(Day.AddHours(18).AddMinutes(45), calendarEvent.DtEnd!.Value);

        await ReplaceJoinLinkAsync(classId, NewLink);
        var again = await client.GetStringAsync(BookingCalendarEndpoints.CalendarFilePath(bookingId));

        Assert.Equal(NewLink, Assert.Single(Ical.Net.Calendar.Load(again)!.Events).Url!.ToString());
        Assert.DoesNotContain(firstLink, again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGoogleCalendarLinkCarriesTheCurrentJoinLinkAndTheStudiosClock()
    {
        var (bookingId, classId) = await BookedZoomClassAsync();
        var firstLink = (await new MeetingTestKit(App).RowAsync(classId))!.JoinUrl!;
        using var client = await SignIn.AsAsync(App, DemoSeeder.ClientEmail);

        var google = await GoogleQueryAsync(client, bookingId);

        Assert.Equal("TEMPLATE", google["action"]);
        Assert.Equal("Evening Flow", google["text"]);
        Assert.Equal($"{TestCalendar.NextYear}0614T180000/{TestCalendar.NextYear}0614T184500", google["dates"]);
        Assert.Equal("Europe/London", google["ctz"]);
        Assert.Equal(firstLink, google["location"]);
        Assert.Contains("Join class: " + firstLink, google["details"].ToString(), StringComparison.Ordinal);

        await ReplaceJoinLinkAsync(classId, NewLink);
        var again = await GoogleQueryAsync(client, bookingId);

        Assert.Equal(NewLink, again["location"]);
        Assert.Contains("Join class: " + NewLink, again["details"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherClientsBookingIsNotFound()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var alex = await db.Clients.Where(c => c.Email == DemoSeeder.ClientEmail).Select(c => c.Id).SingleAsync();
        var someoneElses = await db.Bookings.Where(b => b.ClientId != alex).Select(b => b.Id).FirstAsync();
        using var client = await SignIn.AsAsync(App, DemoSeeder.ClientEmail);

        var file = await client.GetAsync(BookingCalendarEndpoints.CalendarFilePath(someoneElses));
        var google = await client.GetAsync(BookingCalendarEndpoints.GoogleCalendarPath(someoneElses));

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, google.StatusCode);
    }

    private async Task<(Guid BookingId, Guid ClassId)> BookedZoomClassAsync()
    {
        var kit = new MeetingTestKit(App);
        kit.Zoom.Reset();
        await kit.ConnectZoomAsync();
        var classId = await kit.ScheduleZoomClassAsync("Evening Flow", Day, new TimeSpan(18, 0, 0));
        await kit.SyncAsync(classId);
        await kit.BookAsClientAsync(classId);
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var bookingId = await db.Bookings.Where(b => b.ClassSessionId == classId).Select(b => b.Id).SingleAsync();
        return (bookingId, classId);
    }

    // As when a meeting deleted in Zoom is regenerated: the class's link is a new one from then on.
    private async Task ReplaceJoinLinkAsync(Guid classId, string joinUrl)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(1, await db.ClassMeetings.Where(m => m.ClassSessionId == classId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.JoinUrl, joinUrl)));
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> GoogleQueryAsync(HttpClient client, Guid bookingId)
    {
        var response = await client.GetAsync(BookingCalendarEndpoints.GoogleCalendarPath(bookingId));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = response.Headers.Location!;
        Assert.Equal("https://calendar.google.com/calendar/render", target.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(target.Query);
    }
}
