using Junocal.Domain.Scheduling;
using Junocal.Domain.Meetings;
using System.Diagnostics;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Tests.Benchmarks;

/// <summary>
/// Meeting sync figures for docs/BENCHMARKS.md, with the real background scheduler and the sandbox on loopback.
/// Explicit: run with <c>--filter-class Junocal.Tests.Benchmarks.MeetingSyncBenchmark --explicit on</c>. Prints, never asserts timings.
/// </summary>
public class MeetingSyncBenchmark
{
    [Fact(Explicit = true)]
    public async Task TimesSaveToLinkAgainstOneCreateRoundTrip()
    {
        await using var app = JunocalApp.With(new() { Jobs = true, Settings = new Dictionary<string, string?> { ["Sandbox:Zoom:PerUserDailyLimit"] = "10000" } });
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        var studioId = await kit.StudioIdAsync();

        // One create round trip as the sync makes it: the provider client over HTTP to the sandbox (token cached).
        var provider = app.Services.GetRequiredService<MeetingProviders>().Find(LocationKind.Zoom)!;
        var desired = new DesiredMeeting(Guid.NewGuid(), LocationKind.Zoom, "Round trip", TestCalendar.NextYearOn(1, 3).AddHours(9), 45, "Europe/London");
        var roundTrips = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            var created = await provider.CreateAsync(studioId, desired, CancellationToken.None);
            roundTrips.Add(watch.Elapsed.TotalMilliseconds);
            Assert.NotNull(created.Created);
            await Task.Delay(60); // stay under the sandbox's 20 requests a second
        }

        var latencies = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var watch = Stopwatch.StartNew();
            var classId = await kit.ScheduleZoomClassAsync($"Latency {i}", TestCalendar.NextYearOn(2, 1).AddDays(i), new TimeSpan(9, 0, 0));
            while ((await JoinUrlAsync(app, classId)) is null)
            {
                await Task.Delay(2);
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        Print($"Create round trip to the sandbox (n=30): p50 {Percentile(roundTrips, 50):F1} ms, p95 {Percentile(roundTrips, 95):F1} ms");
        Print($"Save → link present (n=100): p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, max {latencies.Max():F1} ms");
        Print($"Retries during the run: {kit.Zoom.Requests.Count(r => r.StatusCode == 429)} per-second 429s");
    }

    [Fact(Explicit = true)]
    public async Task TimesATermOf300WeeklyClassesAgainstTheDailyLimit()
    {
        await using var app = JunocalApp.With(new() { Jobs = true });
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();

        var watch = Stopwatch.StartNew();
        await using (var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
            var scheduler = owner.ServiceProvider.GetRequiredService<ClassScheduler>();
            for (var series = 0; series < 6; series++)
            {
                var first = TestCalendar.NextYearOn(1, 3).AddDays(series);
                var result = await scheduler.ScheduleAsync(new ClassForm
                {
                    Name = $"Term series {series + 1}", InstructorId = options.Instructors[0].Id, Date = first, StartTime = new TimeSpan(7 + series, 0, 0),
                    DurationMinutes = 45, Capacity = 10, LocationKind = Junocal.Domain.Scheduling.LocationKind.Zoom, RepeatWeeklyUntil = first.AddDays(7 * 49),
                }, CancellationToken.None);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
            }
        }

        var saved = watch.Elapsed;
        Dictionary<MeetingSyncState, int> states = [];
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            states = await db.ClassMeetings.GroupBy(m => m.State).ToDictionaryAsync(g => g.Key, g => g.Count());
            if (states.GetValueOrDefault(MeetingSyncState.Linked) + states.GetValueOrDefault(MeetingSyncState.DailyLimit) == 300)
            {
                break;
            }

            await Task.Delay(20);
        }

        Print($"300 weekly classes saved in {saved.TotalMilliseconds:F0} ms; every class linked or visibly deferred after {watch.Elapsed.TotalMilliseconds:F0} ms");
        Print($"States: {string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; meetings in Zoom: {kit.Zoom.Meetings.Count}");
        Print($"Zoom answers: {string.Join(", ", kit.Zoom.Requests.Where(r => r.Endpoint == Junocal.Sandbox.Faults.SandboxEndpoint.CreateMeeting).GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        var deferred = await FirstDeferredStateAsync(app);
        Print($"A deferred class says: \"{deferred}\"");
    }

    /// <summary>
    /// The term again with the pacing and the quota plan: 300 classes in six weekly series saved back to back, the
    /// sandbox enforcing 20 requests a second per endpoint and 100 creates and updates a day. Prints the create calls
    /// and their answers, how long after the last save every class is linked or visibly planned (with when the first
    /// and the 100th link came), whether the 100 linked are the 100 soonest, and the same after the clock passes
    /// 00:00 UTC. Run with <c>--filter-class "*MeetingSyncBenchmark" --explicit only</c>.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task PacesATermOf300ClassesAndPlansTheDailyLimitSoonestFirst()
    {
        var clock = new ShiftedClock();
        await using var app = JunocalApp.With(new()
        {
            Jobs = true,
            Services = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            Settings = Environment.GetEnvironmentVariable("JUNOCAL_BENCH_AT_ONCE") is { } atOnce
                ? new Dictionary<string, string?> { ["Meetings:ClassesAtOncePerStudio"] = atOnce }
                : new Dictionary<string, string?>(),
        });
        await app.InitializeAsync();
        var kit = new MeetingTestKit(app);
        await kit.ConnectZoomAsync();
        // A fresh UTC day, so the connection check's meeting does not count against the term's quota.
        clock.Advance(MeetingSync.NextUtcMidnight(clock.GetUtcNow()) - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var createsBefore = Creates(kit).Count;

        var watch = Stopwatch.StartNew();
        await using (var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
            var scheduler = owner.ServiceProvider.GetRequiredService<ClassScheduler>();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToDateTime(TimeOnly.MinValue);
            for (var series = 0; series < 6; series++)
            {
                var first = today.AddDays(2 + series);
                var result = await scheduler.ScheduleAsync(new ClassForm
                {
                    Name = $"Term series {series + 1}", InstructorId = options.Instructors[0].Id, Date = first, StartTime = new TimeSpan(7 + series, 0, 0),
                    DurationMinutes = 45, Capacity = 10, LocationKind = LocationKind.Zoom, RepeatWeeklyUntil = first.AddDays(7 * 49),
                }, CancellationToken.None);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
            }
        }

        var saved = watch.Elapsed;
        var (settled, firstLink, hundredthLink) = await WaitLinkedOrPlannedAsync(app, 300, watch);
        var day1 = Creates(kit).Skip(createsBefore).ToList();
        var soonest = await SoonestLinkedAsync(app);
        Print($"Term of 300 (pacing + quota plan): saved in {saved.TotalMilliseconds:F0} ms; after the last save: first link {(firstLink - saved).TotalMilliseconds:F0} ms, "
            + $"100th link {(hundredthLink - saved).TotalMilliseconds:F0} ms, every class linked or planned {(settled - saved).TotalMilliseconds:F0} ms");
        Print($"Day 1: create calls {day1.Count} ({string.Join(", ", day1.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}); "
            + $"linked {soonest.Linked}, the soonest {soonest.Linked} of the term: {soonest.AreSoonest}");
        await using (var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var notice = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetQuotaNoticesAsync(CancellationToken.None)).Single();
            Print($"The schedule says: \"{notice.PlanText}\"");
        }

        var createsDay1 = Creates(kit).Count;
        var midnight = Stopwatch.StartNew();
        var movedAt = MeetingSync.NextUtcMidnight(clock.GetUtcNow()) + TimeSpan.FromSeconds(1);
        clock.Advance(movedAt - clock.GetUtcNow());
        var (_, _, hundredth2) = await WaitLinkedOrPlannedAsync(app, 300, midnight, linked: 200);
        var day2 = Creates(kit).Skip(createsDay1).ToList();
        var next = await SoonestLinkedAsync(app);
        // Quartz runs on the app's clock: a jump of hours makes the sweep's trigger misfire, and Quartz's misfire
        // handling (a 60 s threshold) decides when it fires again. So the resume is printed apart from the creates.
        Print($"Past 00:00 UTC: the first create {(day2[0].At - movedAt).TotalSeconds:F1} s after the clock moved, the 100 creates over "
            + $"{(day2[^1].At - day2[0].At).TotalSeconds:F1} s, the 200th link {hundredth2.TotalMilliseconds:F0} ms after the clock moved; create calls {day2.Count} "
            + $"({string.Join(", ", day2.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}); linked {next.Linked}, the soonest: {next.AreSoonest}");
    }

    private static List<Junocal.Sandbox.Diagnostics.LoggedRequest> Creates(MeetingTestKit kit) =>
        [.. kit.Zoom.Requests.Where(r => r.Endpoint == Junocal.Sandbox.Faults.SandboxEndpoint.CreateMeeting)];

    /// <summary>Waits until every class is linked or planned (and <paramref name="linked"/> are linked); when that, the first and the <paramref name="linked"/>th link came.</summary>
    private static async Task<(TimeSpan Settled, TimeSpan FirstLink, TimeSpan LastLink)> WaitLinkedOrPlannedAsync(JunocalApp app, int classes, Stopwatch watch, int linked = 100)
    {
        TimeSpan? first = null, last = null;
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            var rows = await db.ClassMeetings.Where(m => m.Provider == LocationKind.Zoom).Select(m => new { m.State, m.NextAttemptAt, m.JoinUrl }).ToListAsync();
            var links = rows.Count(r => r.JoinUrl != null);
            first ??= links > 0 ? watch.Elapsed : null;
            last ??= links >= linked ? watch.Elapsed : null;
            var planned = rows.Count(r => r.State == MeetingSyncState.DailyLimit && r.NextAttemptAt != null);
            if (rows.Count == classes && links + planned == classes && last is not null)
            {
                return (watch.Elapsed, first!.Value, last.Value);
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The classes were neither linked nor planned within 3 minutes.");
    }

    private static async Task<(int Linked, bool AreSoonest)> SoonestLinkedAsync(JunocalApp app)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var all = await db.ClassMeetings.Join(db.ClassSessions, m => m.ClassSessionId, c => c.Id, (m, c) => new { c.StartsAt, m.JoinUrl }).ToListAsync();
        var linked = all.Count(x => x.JoinUrl != null);
        return (linked, all.OrderBy(x => x.StartsAt).Take(linked).All(x => x.JoinUrl != null));
    }

    private static async Task<string?> JoinUrlAsync(JunocalApp app, Guid classId)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassMeetings.Where(m => m.ClassSessionId == classId).Select(m => m.JoinUrl).SingleOrDefaultAsync();
    }

    private static async Task<string?> FirstDeferredStateAsync(JunocalApp app)
    {
        Guid classId;
        await using (var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            classId = await db.ClassMeetings.Where(m => m.State == MeetingSyncState.DailyLimit).Select(m => m.ClassSessionId).FirstAsync();
        }

        return (await new MeetingTestKit(app).DetailAsync(classId)).Class.LinkState;
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1];
    }

    private static void Print(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "junocal-meeting-benchmark.txt"), line + Environment.NewLine);
    }
}
