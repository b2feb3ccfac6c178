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
