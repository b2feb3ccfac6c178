using System.Diagnostics;
using System.Globalization;
using System.Text;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Tests.EndToEnd;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Location = Junocal.Domain.Scheduling.Location;

namespace Junocal.Tests.Benchmarks;

/// <summary>
/// Page figures for docs/BENCHMARKS.md at a studio's real size: the owner's week and list views, the class page, the
/// client's Classes and My bookings, first with 10 classes and then with 2,000 classes and 20,000 bookings (the
/// client holding 500 upcoming bookings). For each page: the prerendered response's time, size and SQL commands
/// (over HTTP, as a browser's first request), the time until the page is interactive in Chromium with the SQL
/// commands of prerender and circuit together, and the memory one connected circuit holds.
/// Explicit: run with <c>--filter-class Junocal.Tests.Benchmarks.PageScaleBenchmark --explicit only</c>.
/// Prints, never asserts timings.
/// </summary>
public class PageScaleBenchmark(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Requests = 30;
    private const int Navigations = 8;
    private const int Circuits = 20;

    [Fact(Explicit = true)]
    public async Task MeasuresThePagesAtTenAndAtTwoThousandClasses()
    {
        // A page left behind keeps its circuit for minutes by default; here it goes at once, so the memory a circuit
        // holds is read from the circuits open, not from those on their way out.
        var circuits = new OpenCircuits();
        await using var app = JunocalApp.With(new()
        {
            Services = s =>
            {
                s.Configure<CircuitOptions>(o => o.DisconnectedCircuitMaxRetained = 0);
                s.AddSingleton(circuits);
                s.AddScoped<CircuitHandler, OpenCircuits.Handler>();
            },
        });
        await app.InitializeAsync();
        using var sql = new SqlCommandCounter();
        var studio = new ScaleStudio(app);
        var report = new StringBuilder();

        await studio.ReplaceClassesAsync(classes: 10, bookingsPerClass: 5, clientUpcoming: 5, clientPast: 2);
        report.AppendLine(await MeasureAllAsync(app, sql, circuits, studio, "10 classes, 50 bookings"));

        await studio.ReplaceClassesAsync(classes: 2_000, bookingsPerClass: 10, clientUpcoming: 500, clientPast: 60);
        report.AppendLine(await MeasureAllAsync(app, sql, circuits, studio, "2,000 classes, 20,000 bookings"));

        Print(report.ToString());
    }

    private async Task<string> MeasureAllAsync(JunocalApp app, SqlCommandCounter sql, OpenCircuits circuits, ScaleStudio studio, string title)
    {
        var classPage = $"/classes/{await studio.BusiestUpcomingClassAsync()}";
        using var owner = await SignIn.AsAsync(app, DemoSeeder.OwnerEmail);
        using var client = await SignIn.AsAsync(app, DemoSeeder.ClientEmail);

        var rows = new List<PageFigures>
        {
            await PrerenderAsync(owner, sql, "Owner: week view", "/schedule"),
            await PrerenderAsync(owner, sql, "Owner: class page", classPage),
            await PrerenderAsync(client, sql, "Client: Classes", "/classes"),
            await PrerenderAsync(client, sql, "Client: My bookings", "/my-bookings"),
        };

        var ownerPage = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.OwnerEmail);
        var clientPage = await browser.SignedInPageAsync(app.BaseUrl, DemoSeeder.ClientEmail);
        try
        {
            rows[0] = rows[0] with { Interactive = await InteractiveAsync(ownerPage, app.BaseUrl + "/schedule", "[data-testid=week-class]", sql) };
            rows.Insert(1, new PageFigures("Owner: list view (3 months)", null, null, null)
            {
                Interactive = await ListViewAsync(ownerPage, app.BaseUrl, Math.Min(ClassTable.PageSize, await studio.ClassesWithinAsync(TimeSpan.FromDays(80))), sql),
            });
            rows[2] = rows[2] with { Interactive = await InteractiveAsync(ownerPage, app.BaseUrl + classPage, "[data-testid=roster-row]", sql) };
            rows[3] = rows[3] with { Interactive = await InteractiveAsync(clientPage, app.BaseUrl + "/classes", "main h1", sql) };
            rows[4] = rows[4] with { Interactive = await InteractiveAsync(clientPage, app.BaseUrl + "/my-bookings", "#next-class-heading", sql) };

            rows[0] = rows[0] with { CircuitKilobytes = await CircuitMemoryAsync(circuits, ownerPage.Context, app.BaseUrl + "/schedule", "[data-testid=week-class]") };
            rows[2] = rows[2] with { CircuitKilobytes = await CircuitMemoryAsync(circuits, ownerPage.Context, app.BaseUrl + classPage, "[data-testid=roster-row]") };
            rows[3] = rows[3] with { CircuitKilobytes = await CircuitMemoryAsync(circuits, clientPage.Context, app.BaseUrl + "/classes", "main h1") };
            rows[4] = rows[4] with { CircuitKilobytes = await CircuitMemoryAsync(circuits, clientPage.Context, app.BaseUrl + "/my-bookings", "#next-class-heading") };
        }
        finally
        {
            await ownerPage.Context.CloseAsync();
            await clientPage.Context.CloseAsync();
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        table.AppendLine("| Page | Prerender p50 / p95 | HTML | SQL per prerender | To interactive p50 | SQL prerender + circuit | Per circuit |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            table.AppendLine(row.ToMarkdown());
        }

        return table.ToString();
    }

    private static async Task<PageFigures> PrerenderAsync(HttpClient client, SqlCommandCounter sql, string name, string path)
    {
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        var commands = new List<int>();
        long bytes = 0;
        for (var i = 0; i < Requests; i++)
        {
            var before = sql.Count;
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            commands.Add(sql.Count - before);
            response.EnsureSuccessStatusCode();
            bytes = body.Length;
        }

        return new PageFigures(name, new Timing(Percentile(times, 50), Percentile(times, 95)), bytes, Median(commands));
    }

    private static async Task<InteractiveFigures> InteractiveAsync(IPage page, string url, string ready, SqlCommandCounter sql)
    {
        var times = new List<double>();
        var commands = new List<int>();
        for (var i = 0; i <= Navigations; i++)
        {
            var before = sql.Count;
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url);
            await PageChecks.WaitForInteractivityAsync(page);
            await LoadedAsync(page, ready);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                commands.Add(await SettledCountAsync(sql) - before);
            }
        }

        return new InteractiveFigures(Percentile(times, 50), Median(commands));
    }

    /// <summary>The list view, switched to three months: timed from picking the range until at least <paramref name="rows"/> rows show.</summary>
    private static async Task<InteractiveFigures> ListViewAsync(IPage page, string baseUrl, int rows, SqlCommandCounter sql)
    {
        var times = new List<double>();
        var commands = new List<int>();
        for (var i = 0; i <= Navigations; i++)
        {
            await page.GotoAsync(baseUrl + "/schedule");
            await PageChecks.WaitForInteractivityAsync(page);
            await page.Locator("[data-testid=view-list]").ClickAsync();
            await page.Locator("[data-testid=range]").ClickAsync();
            var before = await SettledCountAsync(sql);
            var watch = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Option, new() { Name = "3 months" }).ClickAsync();
            await page.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=class-row]').length >= n", rows);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                commands.Add(await SettledCountAsync(sql) - before);
            }
        }

        return new InteractiveFigures(Percentile(times, 50), Median(commands));
    }

    /// <summary>
    /// What <see cref="Circuits"/> more connected circuits on one page add to the managed heap, per circuit, after a
    /// full collection: the rendered tree and whatever the page's components keep.
    /// </summary>
    private static async Task<long> CircuitMemoryAsync(OpenCircuits circuits, IBrowserContext context, string url, string ready)
    {
        // A first round fills the caches a page's first render leaves behind, so the second reads circuits alone.
        var before = circuits.Count;
        await CloseAllAsync(await OpenCircuitsAsync(context, url, ready), circuits, before);
        var baseline = Heap();
        var pages = await OpenCircuitsAsync(context, url, ready);
        var held = Heap();
        await CloseAllAsync(pages, circuits, before);
        return (held - baseline) / Circuits / 1024;
    }

    private static async Task<List<IPage>> OpenCircuitsAsync(IBrowserContext context, string url, string ready)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(url);
            await PageChecks.WaitForInteractivityAsync(page);
            await LoadedAsync(page, ready);
            pages.Add(page);
        }

        return pages;
    }

    private static async Task CloseAllAsync(List<IPage> pages, OpenCircuits circuits, int left)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        await Eventually.HoldsAsync(() => circuits.Count <= left, "The closed pages' circuits are gone");
    }

    /// <summary>The circuit loads the page's data again after the prerender; its progress bar goes when that is rendered.</summary>
    private static async Task LoadedAsync(IPage page, string ready)
    {
        await page.WaitForFunctionAsync("() => !document.querySelector('main .mud-progress-linear')");
        await page.Locator(ready).First.WaitForAsync();
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The command count once no command has run for a moment: a circuit's render ends after the browser sees it.</summary>
    private static async Task<int> SettledCountAsync(SqlCommandCounter sql)
    {
        var last = -1;
        while (sql.Count != last)
        {
            last = sql.Count;
            await Task.Delay(150);
        }

        return last;
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }

    private static int Median(List<int> values) => values.Order().ElementAt(values.Count / 2);

    private static void Print(string text)
    {
        TestContext.Current.SendDiagnosticMessage(text);
        Console.WriteLine(text);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "junocal-page-benchmark.md"), text);
    }

    /// <summary>How many circuits the server holds, so the heap is read only once closed pages' circuits are gone.</summary>
    private sealed class OpenCircuits
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public sealed class Handler(OpenCircuits circuits) : CircuitHandler
        {
            public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref circuits._count);
                return Task.CompletedTask;
            }

            public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
            {
                Interlocked.Decrement(ref circuits._count);
                return Task.CompletedTask;
            }
        }
    }

    private sealed record Timing(double P50, double P95);

    private sealed record InteractiveFigures(double P50, int SqlCommands);

    private sealed record PageFigures(string Name, Timing? Prerender, long? HtmlBytes, int? SqlCommands)
    {
        public InteractiveFigures? Interactive { get; init; }

        public long? CircuitKilobytes { get; init; }

        public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {(Prerender is { } p ? $"{p.P50:F1} / {p.P95:F1} ms" : "—")} | {(HtmlBytes is { } b ? $"{b / 1024.0:F0} KB" : "—")} " +
            $"| {SqlCommands?.ToString(CultureInfo.InvariantCulture) ?? "—"} | {(Interactive is { } i ? $"{i.P50:F0} ms" : "—")} " +
            $"| {Interactive?.SqlCommands.ToString(CultureInfo.InvariantCulture) ?? "—"} | {(CircuitKilobytes is { } k ? $"{k} KB" : "—")} |");
    }

    /// <summary>Replaces the demo studio's classes with a generated term, straight through the data layer.</summary>
    private sealed class ScaleStudio(JunocalApp app)
    {
        private const int Clients = 1_000;

        private Guid StudioId { get; set; }

        public async Task ReplaceClassesAsync(int classes, int bookingsPerClass, int clientUpcoming, int clientPast)
        {
            await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            var studio = await db.Studios.SingleAsync(s => s.Name == "Juno Pilates");
            StudioId = studio.Id;
            await db.Bookings.Where(b => db.ClassSessions.Any(c => c.Id == b.ClassSessionId && c.StudioId == studio.Id)).ExecuteDeleteAsync();
            await db.ClassMeetings.Where(m => db.ClassSessions.Any(c => c.Id == m.ClassSessionId && c.StudioId == studio.Id)).ExecuteDeleteAsync();
            await db.ClassSessions.Where(c => c.StudioId == studio.Id).ExecuteDeleteAsync();

            var instructors = await db.StaffMembers.Where(s => s.StudioId == studio.Id && s.Role == Roles.Instructor).Select(s => s.Id).ToListAsync();
            var demoClient = await db.Clients.Where(c => c.StudioId == studio.Id && c.Email == DemoSeeder.ClientEmail).Select(c => c.Id).SingleAsync();
            var clients = await db.Clients.Where(c => c.StudioId == studio.Id && c.Id != demoClient).Select(c => c.Id).ToListAsync();
            for (var i = clients.Count; i < Clients; i++)
            {
                var added = Client.Create(studio.Id, $"Scale Client {i:D4}", $"scale.client.{i:D4}@demo.junocal.test");
                db.Clients.Add(added);
                clients.Add(added.Id);
            }

            // About 15 % of the term lies behind, the rest starts tomorrow; seven classes a day, two hours apart.
            var now = TimeProvider.System.GetUtcNow();
            var past = Math.Max(clientPast, classes * 15 / 100);
            var firstPast = now.Date.AddDays(-Math.Ceiling(past / 7.0) - 1).AddHours(7);
            var tomorrow = now.Date.AddDays(1).AddHours(7);
            var sessions = new List<ClassSession>(classes);
            for (var i = 0; i < classes; i++)
            {
                var slot = i < past ? i : i - past;
                var startsAt = new DateTimeOffset((i < past ? firstPast : tomorrow).AddDays(slot / 7).AddHours(slot % 7 * 2), TimeSpan.Zero);
                var location = (i % 3) switch
                {
                    0 => Location.InPerson("Studio A"),
                    1 => Location.CustomLink("https://meet.example.com/room-" + i.ToString(CultureInfo.InvariantCulture)),
                    _ => Location.Zoom(),
                };
                sessions.Add(ClassSession.Schedule(studio.Id, $"Scale class {i:D4}", instructors[i % instructors.Count], startsAt, 45, bookingsPerClass + 10, location));
            }

            var upcoming = sessions.Where(s => s.StartsAt > now.AddHours(1)).ToList();
            var behind = sessions.Where(s => s.EndsAt < now).ToList();
            var demoBooks = upcoming.Take(clientUpcoming).Concat(behind.TakeLast(clientPast)).ToHashSet();
            var next = 0;
            foreach (var session in sessions)
            {
                var bookedAt = session.StartsAt.AddDays(-3);
                var others = bookingsPerClass;
                if (demoBooks.Contains(session))
                {
                    session.Book(demoClient, bookedAt);
                    others--;
                }

                for (var b = 0; b < others; b++)
                {
                    session.Book(clients[next++ % clients.Count], bookedAt);
                }
            }

            db.ClassSessions.AddRange(sessions);
            await db.SaveChangesAsync();
        }

        public async Task<int> ClassesWithinAsync(TimeSpan span)
        {
            await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            var now = TimeProvider.System.GetUtcNow();
            var from = now.AddDays(1);
            var until = now + span;
            return await db.ClassSessions.CountAsync(c => c.StudioId == StudioId && c.StartsAt > from && c.StartsAt < until);
        }

        public async Task<Guid> BusiestUpcomingClassAsync()
        {
            await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
            var now = TimeProvider.System.GetUtcNow();
            return await db.ClassSessions.Where(c => c.StudioId == StudioId && c.StartsAt > now && c.Bookings.Any())
                .OrderBy(c => c.StartsAt).Select(c => c.Id).FirstAsync();
        }
    }
}
