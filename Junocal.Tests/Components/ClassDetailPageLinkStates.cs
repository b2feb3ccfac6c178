using Junocal.Domain.Meetings;
using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Components;

/// <summary>The class page over the real services, with the class's meeting row put in each state the sync can leave.</summary>
[Collection(SharedAppHost.Name)]
public class ClassDetailPageLinkStates(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    private const string JoinUrl = "https://zoom.sandbox.test/sandbox/zoom/j/81234567890?pwd=abc";

    /// <summary>When every row <see cref="PutRowAsync"/> writes is next attempted, as staff read it (London is on GMT in December).</summary>
    private static string RetryDay => TestCalendar.NextYearOn(12, 1).ToString("ddd d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + ", 14:05";

    public static TheoryData<MeetingSyncState, string?, string> States => new()
    {
        { MeetingSyncState.Pending, null, "Creating Zoom meeting…" },
        { MeetingSyncState.Linked, JoinUrl, JoinUrl },
        { MeetingSyncState.Retrying, null, "Retrying (attempt 3, next at 14:05:09 UTC): Zoom answered 500." },
        { MeetingSyncState.WaitingReconnect, null, "Waiting for Zoom reconnect" },
        { MeetingSyncState.DailyLimit, null, $"Zoom daily limit reached — link expected {RetryDay} (soonest classes first)" },
        { MeetingSyncState.Failed, null, "Failed: Zoom answered 500. Edit the class or switch it to a custom link." },
        { MeetingSyncState.LinkNeeded, null, "Link needed — Zoom was disconnected" },
    };

    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        await new MeetingTestKit(app).ConnectZoomAsync();
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task ShowsTheLinkOrWhatStandsInItsWay(MeetingSyncState state, string? joinUrl, string shown)
    {
        var classId = await new MeetingTestKit(app).ScheduleZoomClassAsync("State Flow", TestCalendar.NextYearOn(12, 6), new TimeSpan(9, 0, 0));
        await PutRowAsync(classId, state, joinUrl);
        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = Render<Junocal.Web.Features.Scheduling.ClassDetailPage>(p => p.Add(c => c.ClassId, classId));

        cut.WaitForAssertion(() => Assert.Equal(shown, cut.Find("[data-testid=link-state]").TextContent.Trim()));
        if (joinUrl is not null)
        {
            Assert.Equal(joinUrl, cut.Find("[data-testid=link-state] a").GetAttribute("href"));
        }
        else
        {
            Assert.Empty(cut.FindAll("[data-testid=link-state] a"));
        }
    }

    [Fact]
    public async Task SaysTheLinkWasRemovedWhenTheMeetingWasDeletedInZoom()
    {
        var classId = await new MeetingTestKit(app).ScheduleZoomClassAsync("State Flow", TestCalendar.NextYearOn(12, 6), new TimeSpan(9, 0, 0));
        await using (var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            await db.ClassMeetings.Where(m => m.ClassSessionId == classId).ExecuteDeleteAsync();
            await db.ClassSessions.Where(c => c.Id == classId).ExecuteUpdateAsync(set => set.SetProperty(c => c.MeetingDeletedAtProvider, true));
        }

        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = Render<Junocal.Web.Features.Scheduling.ClassDetailPage>(p => p.Add(c => c.ClassId, classId));

        cut.WaitForAssertion(() => Assert.Equal("Zoom link removed — the meeting was deleted in Zoom. Reschedule to regenerate, or switch to a custom link.",
            cut.Find("[data-testid=link-state]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=link-state] a"));
    }

    [Fact]
    public async Task ShowsAnUpdateThatIsRetryingBesideTheLinkItKeeps()
    {
        var classId = await new MeetingTestKit(app).ScheduleZoomClassAsync("State Flow", TestCalendar.NextYearOn(12, 6), new TimeSpan(9, 0, 0));
        await PutRowAsync(classId, MeetingSyncState.Retrying, JoinUrl);
        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = Render<Junocal.Web.Features.Scheduling.ClassDetailPage>(p => p.Add(c => c.ClassId, classId));

        cut.WaitForAssertion(() => Assert.Contains("Retrying (attempt 3", cut.Find("[data-testid=link-state]").TextContent, StringComparison.Ordinal));
        Assert.Equal(JoinUrl, cut.Find("[data-testid=link-state] a").GetAttribute("href")); // the link it keeps still opens the meeting
    }

    private async Task PutRowAsync(Guid classId, MeetingSyncState state, string? joinUrl)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var updated = await db.ClassMeetings.Where(m => m.ClassSessionId == classId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, state)
            .SetProperty(m => m.JoinUrl, joinUrl)
            .SetProperty(m => m.ExternalId, joinUrl == null ? null : "81234567890")
            .SetProperty(m => m.Attempts, 3)
            .SetProperty(m => m.NextAttemptAt, TestCalendar.Utc(TestCalendar.NextYearOn(12, 1), 14, 5).AddSeconds(9))
            .SetProperty(m => m.LastError, "Zoom answered 500."));
        Assert.Equal(1, updated);
    }

    private async Task SignInAsync(string email) =>
        await UseServicesOfAsync(app, email, typeof(CurrentUser), typeof(ScheduleService), typeof(ClassScheduler), typeof(ActiveStudios));
}
