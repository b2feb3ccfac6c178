using Junocal.Domain.Meetings;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Domain.Studios;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// Zoom's daily quota of new or changed meetings, through the real host and the sandbox on a clock the test moves:
/// the soonest classes get it, the first "daily limit" answer holds back every other create and update of the
/// studio without another call, and after 00:00 UTC the work resumes, soonest first.
/// </summary>
public class MeetingQuotaPlanning(QuotaHost host) : AppTest(host), IClassFixture<QuotaHost>
{
    private readonly MeetingTestKit _kit = new(host);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates and updates left today once Zoom is connected: connecting creates one check meeting.</summary>
    private int _leftToday;

    public override async ValueTask InitializeAsync()
    {
        host.Clock.Advance(TimeSpan.FromMinutes(1)); // a fresh second for the sandbox's per-second limit
        await base.InitializeAsync();
        await _kit.ConnectZoomAsync();
        _leftToday = QuotaHost.DailyLimit - ChangeCalls();
    }

    [Fact]
    public async Task TheDaysQuotaGoesToTheSoonestClassesAndTheRestArePlannedDayByDay()
    {
        var classes = await ScheduleOnDaysAsync(20, 3, 15, 1, 9, 30, 5, 12, 25, 7);
        var soonestFirst = classes.OrderBy(c => c.Key).Select(c => c.Value).ToList();

        await _kit.SweepAsync();

        foreach (var classId in soonestFirst.Take(_leftToday))
        {
            Assert.Equal(MeetingSyncState.Linked, (await _kit.RowAsync(classId))!.State);
        }

        var midnight = MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow());
        var waiting = soonestFirst.Skip(_leftToday).ToList();
        for (var i = 0; i < waiting.Count; i++)
        {
            var row = (await _kit.RowAsync(waiting[i]))!;
            Assert.Equal(MeetingSyncState.DailyLimit, row.State);
            Assert.Equal(midnight.AddDays(i / QuotaHost.DailyLimit), row.NextAttemptAt);
        }
    }

    [Fact]
    public async Task TheFirstDailyLimitAnswerHoldsBackEveryOtherCreateAndUpdateWithoutAnotherCall()
    {
        var classes = await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + 3).ToArray());
        await _kit.SweepAsync();
        Assert.Equal(QuotaHost.DailyLimit + 1, ChangeCalls()); // the day's quota, and the one answer that says it is spent
        Assert.Equal(1, _kit.Zoom.Requests.Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting && r.StatusCode == 429));
        var linked = classes[1];
        var last = classes[_leftToday + 3];

        // More work for the studio while its quota is spent: a new class, a reschedule, and a cancelled class.
        var newcomer = await _kit.ScheduleZoomClassAsync("Newcomer", Day(2).Date, new TimeSpan(6, 0, 0));
        await _kit.UpdateAsync(classes[2], form => form.StartTime = new TimeSpan(11, 0, 0));
        await _kit.CancelAsync(linked);
        await _kit.SweepAsync();

        Assert.Equal(QuotaHost.DailyLimit + 1, ChangeCalls());
        Assert.Empty(_kit.MeetingsFor(linked)); // a delete does not count against the quota, and is not held back
        var midnight = MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow());
        Assert.Equal(midnight, (await _kit.RowAsync(newcomer))!.NextAttemptAt);
        Assert.Equal(MeetingSyncState.DailyLimit, (await _kit.RowAsync(classes[2]))!.State);
        Assert.Equal(midnight.AddDays(1), (await _kit.RowAsync(last))!.NextAttemptAt); // pushed back a day by the newcomer
        await using var db = host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(midnight, Assert.Single(await db.MeetingQuotaPauses.ToListAsync(Ct)).Until); // every instance, and a restart, honor it
    }

    [Fact]
    public async Task ARescheduleOfThisWeeksClassGoesBeforeACreateForNextMonths()
    {
        var thisWeek = await _kit.ScheduleZoomClassAsync("This week", Day(2).Date, new TimeSpan(9, 0, 0));
        await _kit.SweepAsync();
        var nextMonth = await ScheduleOnDaysAsync(Enumerable.Range(30, _leftToday).ToArray()); // one more than the quota left
        await _kit.UpdateAsync(thisWeek, form => form.StartTime = new TimeSpan(10, 30, 0)); // due last, but the soonest

        await _kit.SweepAsync();

        Assert.Equal(MeetingSyncState.Linked, (await _kit.RowAsync(thisWeek))!.State);
        Assert.Equal(10, Assert.Single(_kit.MeetingsFor(thisWeek)).StartTime.Hour);
        Assert.Equal(MeetingSyncState.DailyLimit, (await _kit.RowAsync(nextMonth[30 + _leftToday - 1]))!.State);
    }

    [Fact]
    public async Task AfterMidnightUtcTheWaitingClassesAreLinkedSoonestFirstAndTheRestWaitAnotherDay()
    {
        var classes = await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + QuotaHost.DailyLimit + 2).ToArray());
        await _kit.SweepAsync();
        var calls = ChangeCalls();
        var soonestFirst = classes.OrderBy(c => c.Key).Select(c => c.Value).ToList();

        host.Clock.Advance(MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow()) - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await _kit.SweepAsync();

        Assert.Equal(calls + QuotaHost.DailyLimit, ChangeCalls()); // the day's quota exactly, without a 429
        foreach (var classId in soonestFirst.Take(_leftToday + QuotaHost.DailyLimit))
        {
            Assert.Equal(MeetingSyncState.Linked, (await _kit.RowAsync(classId))!.State);
        }

        var tomorrow = MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow());
        foreach (var classId in soonestFirst.Skip(_leftToday + QuotaHost.DailyLimit))
        {
            var row = (await _kit.RowAsync(classId))!;
            Assert.Equal((MeetingSyncState.DailyLimit, tomorrow), (row.State, row.NextAttemptAt!.Value));
        }
    }

    [Fact]
    public async Task TheOwnerReadsThePlanAndEachWaitingClassItsExpectedDay()
    {
        var classes = await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + QuotaHost.DailyLimit + 2).ToArray());
        await _kit.SweepAsync();
        var midnight = MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow());
        var zone = new StudioTimeZone("Europe/London");

        await using var owner = await host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var notice = Assert.Single(await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetQuotaNoticesAsync(Ct));

        Assert.Equal($"Zoom allows {QuotaHost.DailyLimit} new or changed meetings a day. {QuotaHost.DailyLimit + 2} classes are waiting; "
            + $"their links will be created from {StudioTime.DateTime(zone.ToLocal(midnight))}, soonest first — the last by {StudioTime.Day(zone.ToLocal(midnight.AddDays(1)))}.",
            notice.PlanText);
        Assert.Empty(notice.AtRisk);
        var lastToWait = (await _kit.DetailAsync(classes[_leftToday + QuotaHost.DailyLimit + 2])).Class.Link!;
        var dayAfter = zone.ToLocal(midnight.AddDays(1));
        Assert.Equal($"Zoom daily limit reached — link expected {StudioTime.ShortDay(dayAfter)}, {StudioTime.Time(dayAfter)} (soonest classes first)", lastToWait.Describe());
        Assert.Equal($"The Zoom link will be here by {StudioTime.Day(dayAfter)}.", lastToWait.WhyNone);
    }

    [Fact]
    public async Task AWaitingClassExpectsItsLinkOnTheStudiosOwnDayWestOfGreenwich()
    {
        var classes = await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + 1).ToArray());
        await _kit.BookAsClientAsync(classes[_leftToday + 1]);
        await _kit.SweepAsync();
        await MoveStudioToAsync("America/New_York");
        var midnight = MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow());
        var local = new StudioTimeZone("America/New_York").ToLocal(midnight);
        Assert.Equal(midnight.UtcDateTime.Date.AddDays(-1), local.Date); // 00:00 UTC is the evening before in New York

        var staff = (await _kit.DetailAsync(classes[_leftToday + 1])).Class.Link!;
        Assert.Equal($"Zoom daily limit reached — link expected {StudioTime.ShortDay(local)}, {StudioTime.Time(local)} (soonest classes first)", staff.Describe());
        await using var client = await host.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var booking = Assert.Single((await client.ServiceProvider.GetRequiredService<ClientBookingService>().MyBookingsAsync(new BookingWindow(100, 0), Ct)).Upcoming,
            b => b.ClassId == classes[_leftToday + 1]);
        Assert.Equal($"The Zoom link will be here by {StudioTime.Day(local)}.", booking.Join!.WhyNone);
    }

    [Fact]
    public async Task AClassStartingWithinADayWithoutALinkAlertsTheOwnerOnceWithTheWayOut()
    {
        await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + 1).ToArray());
        await _kit.SweepAsync(); // the day's quota is spent
        var soon = host.Clock.GetUtcNow().AddHours(20); // London is on GMT at the fake clock's start: local time is UTC
        var tomorrowMorning = await _kit.ScheduleZoomClassAsync("Early Flow", soon.Date, new TimeSpan(soon.Hour, 0, 0));
        await _kit.SweepAsync();
        await MoveStudioToAsync("America/New_York"); // where 00:00 UTC is the evening before: the email tells the studio's time
        var expected = new StudioTimeZone("America/New_York").ToLocal(MeetingSync.NextUtcMidnight(host.Clock.GetUtcNow()));
        var alerts = host.Services.GetRequiredService<MeetingQuotaAlerts>();

        Assert.Equal(1, await alerts.OweDueAsync(Ct));
        Assert.Equal(0, await alerts.OweDueAsync(Ct));
        await host.Services.GetRequiredService<AccountEmailDispatcher>().DispatchDueAsync(Ct);
        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await alerts.OweDueAsync(Ct));
        await host.Services.GetRequiredService<AccountEmailDispatcher>().DispatchDueAsync(Ct);

        var mail = Assert.Single(await host.SentMailAsync(), m => (m.Subject ?? "").Contains("has no Zoom link yet", StringComparison.Ordinal));
        Assert.Equal(DemoSeeder.OwnerEmail, mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("Early Flow on ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("switch the class to a custom link", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"link expected {StudioTime.ShortDay(expected)}, {StudioTime.Time(expected)} (soonest classes first).", mail.TextBody, StringComparison.Ordinal);
        var classPage = host.Services.GetRequiredService<PublicLinks>().For($"/classes/{tomorrowMorning}").AbsoluteUri;
        Assert.Contains($"Open the class: {classPage}\n", mail.TextBody, StringComparison.Ordinal); // the class page with the way out, not the editor
        Assert.Contains($"href=\"{classPage}\"", mail.HtmlBody, StringComparison.Ordinal);
        await using var owner = await host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var schedule = owner.ServiceProvider.GetRequiredService<ScheduleService>();
        Assert.Equal(tomorrowMorning, Assert.Single(Assert.Single(await schedule.GetQuotaNoticesAsync(Ct)).AtRisk).ClassId);
        Assert.True((await schedule.GetDetailAsync(tomorrowMorning, Ct))!.StartsSoonWithoutLink);
    }

    [Theory]
    [InlineData(DemoSeeder.FrontDeskEmail)]
    [InlineData(DemoSeeder.InstructorEmail)]
    [InlineData(DemoSeeder.ClientEmail)]
    public async Task OnlyTheOwnerReadsTheQuotaPlan(string email)
    {
        await ScheduleOnDaysAsync(Enumerable.Range(1, _leftToday + 1).ToArray());
        await _kit.SweepAsync();

        await using var scope = await host.ScopeSignedInAsAsync(email);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<ScheduleService>().GetQuotaNoticesAsync(Ct));
    }

    private async Task MoveStudioToAsync(string timeZoneId)
    {
        await using var db = host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studioId = await _kit.StudioIdAsync();
        var studio = await db.Studios.SingleAsync(s => s.Id == studioId, Ct);
        studio.ChangeTimeZone(timeZoneId);
        await db.SaveChangesAsync(Ct);
    }

    private int ChangeCalls() => _kit.Zoom.Requests.Count(r => r.Endpoint is SandboxEndpoint.CreateMeeting or SandboxEndpoint.UpdateMeeting);

    /// <summary>The studio's local date <paramref name="days"/> days from now on the host's clock.</summary>
    private DateTimeOffset Day(int days) => host.Clock.GetUtcNow().AddDays(days);

    /// <summary>One Zoom class on each of the given days from now, scheduled in the order given (nothing syncs yet).</summary>
    private async Task<Dictionary<int, Guid>> ScheduleOnDaysAsync(params int[] days)
    {
        var classes = new Dictionary<int, Guid>();
        foreach (var day in days)
        {
            classes[day] = await _kit.ScheduleZoomClassAsync($"Day {day}", Day(day).Date, new TimeSpan(9, 0, 0));
        }

        return classes;
    }
}
