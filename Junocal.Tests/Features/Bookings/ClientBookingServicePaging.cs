using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Bookings;

/// <summary>A client's lists show one page at a time: the soonest upcoming, the latest past, each with "Show more".</summary>
public class ClientBookingServicePaging(JunocalApp app) : AppTest(app)
{
    private static readonly BookingWindow Everything = new(10_000, 10_000);

    [Fact]
    public async Task MyBookingsShowsTheSoonestUpcomingAndTheLatestPastPageWithTheirTotals()
    {
        var now = DateTimeOffset.UtcNow;
        for (var day = 1; day <= 25; day++)
        {
            await TestClasses.AddAsync(App, $"Ahead {day}", now.AddDays(day), 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: day + 1);
            await TestClasses.AddAsync(App, $"Behind {day}", now.AddDays(-day), 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 1);
        }

        await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = client.ServiceProvider.GetRequiredService<ClientBookingService>();
        var all = await bookings.MyBookingsAsync(Everything, CancellationToken.None);

        var first = await bookings.MyBookingsAsync(BookingWindow.First, CancellationToken.None);
        var more = await bookings.MyBookingsAsync(BookingWindow.First.MoreUpcoming().MorePast(), CancellationToken.None);

        Assert.Equal(all.Upcoming.Take(BookingWindow.PageSize).Select(b => b.ClassId), first.Upcoming.Select(b => b.ClassId));
        Assert.Equal(all.Past.Take(BookingWindow.PageSize).Select(b => b.ClassId), first.Past.Select(b => b.ClassId));
        Assert.Equal((all.Upcoming.Count, all.Past.Count), (first.UpcomingTotal, first.PastTotal));
        Assert.True(first.HasMoreUpcoming && first.HasMorePast);
        Assert.Equal(all.Upcoming.Take(2 * BookingWindow.PageSize).Select(b => b.ClassId), more.Upcoming.Select(b => b.ClassId));
        Assert.Equal(all.Past.Take(2 * BookingWindow.PageSize).Select(b => b.ClassId), more.Past.Select(b => b.ClassId));
        Assert.False(all.HasMoreUpcoming || all.HasMorePast);
        Assert.True(all.Upcoming.Count >= 25 && all.Past.Count >= 25);
        Assert.Equal(all.Upcoming.OrderBy(b => b.StartsAt).Select(b => b.ClassId), all.Upcoming.Select(b => b.ClassId));
        Assert.Equal(all.Past.OrderByDescending(b => b.StartsAt).Select(b => b.ClassId), all.Past.Select(b => b.ClassId));
    }

    [Fact]
    public async Task MyBookingsCountsAClassUnderWayAsUpcomingAndOneJustEndedAsPast()
    {
        var now = DateTimeOffset.UtcNow;
        var underWay = await TestClasses.AddAsync(App, "Under way", now.AddMinutes(-30), 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 1);
        var justEnded = await TestClasses.AddAsync(App, "Just ended", now.AddMinutes(-50), 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 1);
        var longAgo = await TestClasses.AddAsync(App, "Long ago", now.AddDays(-3), 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 1);

        await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var mine = await client.ServiceProvider.GetRequiredService<ClientBookingService>().MyBookingsAsync(Everything, CancellationToken.None);

        Assert.False(Assert.Single(mine.Upcoming, b => b.ClassId == underWay).IsPast);
        Assert.DoesNotContain(mine.Past, b => b.ClassId == underWay);
        Assert.True(Assert.Single(mine.Past, b => b.ClassId == justEnded).IsPast);
        var past = mine.Past.Select(b => b.ClassId).ToList();
        Assert.True(past.IndexOf(justEnded) < past.IndexOf(longAgo), "The latest past booking comes first.");
        Assert.Equal(mine.Upcoming.Count + mine.Past.Count, mine.UpcomingTotal + mine.PastTotal);
    }

    [Fact]
    public async Task ClassesShowsTheSoonestPageAndSaysWhetherMoreFollow()
    {
        var now = DateTimeOffset.UtcNow;
        for (var hour = 1; hour <= 6; hour++)
        {
            await TestClasses.AddAsync(App, $"Soon {hour}", now.AddHours(hour), 10, Location.InPerson("Studio A"));
        }

        await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = client.ServiceProvider.GetRequiredService<ClientBookingService>();
        var all = await bookings.UpcomingClassesAsync(14, 10_000, CancellationToken.None);

        var page = await bookings.UpcomingClassesAsync(14, 4, CancellationToken.None);

        Assert.Equal(all.Classes.Take(4).Select(c => c.Id), page.Classes.Select(c => c.Id));
        Assert.True(page.HasMore);
        Assert.False(all.HasMore);
        Assert.Equal(all.Classes.OrderBy(c => c.StartsLocal).Select(c => c.Id), all.Classes.Select(c => c.Id));
    }
}
