using System.Collections.Concurrent;
using System.Diagnostics;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.GoogleMeet;
using Junocal.Tests.Meetings;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Junocal.Tests.Benchmarks;

/// <summary>
/// Google Meet figures for docs/BENCHMARKS.md ("Google Meet"), with the real background scheduler, the Google sandbox
/// on loopback and its push notifications to the app's own endpoint. Every call the app makes to Google (Calendar and
/// OAuth) and every notification the sandbox posts to the app is timed on the calling side, from the send until the
/// answer's body is read. Explicit: run with <c>--filter-class "*GoogleMeetBenchmark" --explicit only</c>. Prints,
/// never asserts timings.
/// </summary>
public class GoogleMeetBenchmark
{
    private const int WarmUp = 3;

    /// <summary>JUNOCAL_BENCH_CLASSES: how many classes are timed (default 100); half of them, at most 50, are then deleted in Google.</summary>
    private static readonly int Classes = int.TryParse(Environment.GetEnvironmentVariable("JUNOCAL_BENCH_CLASSES"), out var n) ? n : 100;

    private static readonly int Deletions = Math.Min(50, Classes / 2);

    /// <summary>JUNOCAL_BENCH_SWEEP_SECONDS: the meeting sweep's interval (default 1 s, the test hosts'; production's is 30 s).</summary>
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("JUNOCAL_BENCH_SWEEP_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1);

    [Fact(Explicit = true)]
    public async Task TimesSaveToMeetLinkAndDeletedInGoogleToLinkCleared()
    {
        Print($"Load average at start: {LoadAverage()}; meeting sweep every {Sweep.TotalSeconds:0.#} s");
        var calls = new CallLog();
        await using var app = JunocalApp.With(new()
        {
            Jobs = true,
            SweepInterval = Sweep,
            Services = services =>
            {
                calls.Time(services, typeof(GoogleCalendarClient).Name);
                calls.Time(services, typeof(GoogleOAuthClient).Name);
                calls.Time(services, "Junocal.Sandbox.Google.Push");
            },
        });
        await app.InitializeAsync();
        // Each conference answers pending at the insert and success at its first read-back: exactly one poll.
        app.Google.Knobs.ConferenceDelay = TimeSpan.FromDays(1);
        app.Google.Knobs.ConferenceResolvesAfterGets = 1;
        await GoogleFlow.ConnectOwnerAsync(app);
        var kit = new MeetingTestKit(app);

        var linked = new List<Guid>();
        var saveToLink = new List<double>();
        var sums = new List<double>();
        var insertToPoll = new List<double>();
        var polls = new List<int>();
        var tokenCalls = 0;
        var listCalls = 0;
        for (var i = 0; i < WarmUp + Classes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var classId = await GoogleFlow.ScheduleMeetClassAsync(app, $"Meet latency {i}", TestCalendar.NextYearOn(2, 1).AddDays(i), new TimeSpan(9, 0, 0));
            while ((await kit.RowAsync(classId))?.JoinUrl is null)
            {
                await Task.Delay(2);
            }

            var ended = Stopwatch.GetTimestamp();
            linked.Add(classId);
            if (i < WarmUp)
            {
                continue;
            }

            var window = calls.Between(started, ended);
            var inserts = window.Where(c => c.Kind == CallKind.InsertEvent).ToList();
            var gets = window.Where(c => c.Kind == CallKind.GetEvent).ToList();
            var tokens = window.Where(c => c.Kind == CallKind.Token).ToList();
            saveToLink.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            sums.Add(inserts.Concat(gets).Concat(tokens).Sum(c => c.Milliseconds));
            polls.Add(gets.Count);
            tokenCalls += tokens.Count;
            listCalls += window.Count(c => c.Kind == CallKind.ListEvents);
            if (inserts.Count > 0 && gets.Count > 0)
            {
                insertToPoll.Add(Stopwatch.GetElapsedTime(inserts[0].Ended, gets[0].Started).TotalMilliseconds);
            }
        }

        Print($"Save → Meet link present, pending at the insert and success at the first read-back (n={Classes}): "
            + $"p50 {Percentile(saveToLink, 50):F1} ms, p95 {Percentile(saveToLink, 95):F1} ms, max {saveToLink.Max():F1} ms");
        Print($"  its Google round trips (insert + read-backs + token calls), summed per class: p50 {Percentile(sums, 50):F1} ms, p95 {Percentile(sums, 95):F1} ms, max {sums.Max():F1} ms");
        Print($"  insert answered → read-back sent: p50 {Percentile(insertToPoll, 50):F1} ms, p95 {Percentile(insertToPoll, 95):F1} ms, min {insertToPoll.Min():F1} ms, max {insertToPoll.Max():F1} ms");
        Print($"  read-backs per class: {string.Join(", ", polls.GroupBy(p => p).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))}; "
            + $"token calls {tokenCalls}; events.list calls (after the sandbox's notifications, off the path) {listCalls}");
        PrintRoundTrips(calls, CallKind.InsertEvent, "events.insert");
        PrintRoundTrips(calls, CallKind.GetEvent, "events.get");
        PrintRoundTrips(calls, CallKind.ListEvents, "events.list (syncToken)");

        var deleted = new List<double>();
        var notified = new List<double>();
        var listed = new List<double>();
        foreach (var classId in linked.Skip(WarmUp).Take(Deletions))
        {
            var eventId = (await kit.RowAsync(classId))!.ExternalId!;
            var calendarId = app.Google.Events.Single(e => e.Id == eventId).CalendarId;
            var started = Stopwatch.GetTimestamp();
            Assert.True(app.Google.DeleteEventInGoogle(calendarId, eventId));
            while (await kit.RowAsync(classId) is not null)
            {
                await Task.Delay(2);
            }

            var ended = Stopwatch.GetTimestamp();
            deleted.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            var window = calls.Between(started, ended);
            notified.AddRange(window.Where(c => c.Kind == CallKind.Notification).Take(1).Select(c => Stopwatch.GetElapsedTime(started, c.Ended).TotalMilliseconds));
            listed.AddRange(window.Where(c => c.Kind == CallKind.ListEvents).Take(1).Select(c => c.Milliseconds));
        }

        Print($"Deleted in Google → link cleared (n={Deletions}): p50 {Percentile(deleted, 50):F1} ms, p95 {Percentile(deleted, 95):F1} ms, max {deleted.Max():F1} ms");
        Print($"  deletion → the app's 200 to the notification: p50 {Percentile(notified, 50):F1} ms, p95 {Percentile(notified, 95):F1} ms (n={notified.Count})");
        Print($"  its events.list round trip: p50 {Percentile(listed, 50):F1} ms, p95 {Percentile(listed, 95):F1} ms (n={listed.Count})");
        Print($"Load average at end: {LoadAverage()}");
    }

    private static void PrintRoundTrips(CallLog calls, CallKind kind, string name)
    {
        var all = calls.All.Where(c => c.Kind == kind).Select(c => c.Milliseconds).ToList();
        if (all.Count > 0)
        {
            Print($"  {name} round trip (n={all.Count}): p50 {Percentile(all, 50):F1} ms, p95 {Percentile(all, 95):F1} ms, max {all.Max():F1} ms");
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static double Percentile(List<double> values, int percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1];
    }

    private static void Print(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "junocal-google-benchmark.txt"), line + Environment.NewLine);
    }

    private enum CallKind
    {
        InsertEvent,
        GetEvent,
        ListEvents,
        Token,
        Notification,
        Other,
    }

    private sealed record Call(CallKind Kind, long Started, long Ended)
    {
        public double Milliseconds => Stopwatch.GetElapsedTime(Started, Ended).TotalMilliseconds;
    }

    /// <summary>Every timed HTTP call of the named clients, by what it asked for.</summary>
    private sealed class CallLog
    {
        private readonly ConcurrentQueue<Call> _calls = new();

        public IReadOnlyList<Call> All => [.. _calls];

        public void Time(IServiceCollection services, string clientName) =>
            services.Configure<HttpClientFactoryOptions>(clientName, options =>
                options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new TimingHandler(this))));

        public List<Call> Between(long from, long to) => [.. _calls.Where(c => c.Started >= from && c.Started <= to).OrderBy(c => c.Started)];

        public void Add(Call call) => _calls.Enqueue(call);
    }

    private sealed class TimingHandler(CallLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            log.Add(new Call(KindOf(request), started, Stopwatch.GetTimestamp()));
            return response;
        }

        private static CallKind KindOf(HttpRequestMessage request)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Headers.Contains("X-Goog-Channel-ID"))
            {
                return CallKind.Notification;
            }

            if (path.EndsWith("/oauth2/token", StringComparison.Ordinal))
            {
                return CallKind.Token;
            }

            var events = path.LastIndexOf("/events", StringComparison.Ordinal);
            if (events < 0)
            {
                return CallKind.Other;
            }

            var rest = path[(events + "/events".Length)..];
            return (request.Method.Method, rest.Length == 0) switch
            {
                ("POST", true) => CallKind.InsertEvent,
                ("GET", true) => CallKind.ListEvents,
                ("GET", false) => CallKind.GetEvent,
                _ => CallKind.Other,
            };
        }
    }
}
