using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Junocal.Domain.Auditing;
using Junocal.Domain.Meetings;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Junocal.Tests.Meetings;

/// <summary>
/// The chaos run of docs/RELIABILITY.md, "Process death": the app as its own process (one instance, or two on one
/// SQLite database) beside the Zoom sandbox as its own process, 100 Zoom classes, and the app killed with SIGKILL at
/// least 20 times while it syncs them — at random moments, while Zoom holds a create's answer, and the instant Zoom's
/// answer has left (the write-back) — then restarted each time. After convergence every class must hold exactly one
/// meeting with its topic and time, every tagged meeting no class holds must be explained by a kill between Zoom's
/// answer and the write-back and shown to the owner, every notice the owner got must have such a kill behind it, and
/// no email may have been sent twice.
/// Explicit: <c>scripts/chaos.sh one</c> or <c>scripts/chaos.sh two</c>. Prints the table row it measured; every
/// process's output and the run's kills go to a log file per run (its path is printed), to explain the figures.
/// </summary>
public partial class MeetingSyncChaos
{
    private const string TagPrefix = "Created by Junocal for class ";

    /// <summary>How long Zoom holds each create's answer during the kills: the window a kill can fall into.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    /// <summary>How long after a create's note its class can be synced again when the worker holding it died: the row's lease.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How far past the hold a write-back can come on a loaded machine and still count as the same call.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    [Fact(Explicit = true)]
    public Task OneInstanceKilledAtRandomMomentsLeavesEveryClassExactlyOneMeeting() => RunAsync(instances: 1);

    [Fact(Explicit = true)]
    public Task TwoInstancesOnOneDatabaseCreateEachClassMeetingOnce() => RunAsync(instances: 2);

    private static async Task RunAsync(int instances)
    {
        var classCount = Setting("CHAOS_CLASSES", 100);
        var killTarget = Setting("CHAOS_KILLS", 24);
        var seed = Setting("CHAOS_SEED", Environment.TickCount);
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        using var runLog = new RunLog(Path.Combine(Path.GetTempPath(), "junocal-chaos",
            $"{(instances == 1 ? "one" : "two")}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-seed{seed}.log"));
        Print(runLog, $"Chaos run log: {runLog.Path}");

        await using var pair = await AppBesideZoom.StartAsync(new Dictionary<string, string>
        {
            // Orphans and retries cost creates; Zoom's 100 a day is the pacing work's subject, not this run's.
            ["Sandbox__Zoom__PerUserDailyLimit"] = "100000",
        }, runLog);
        var urls = new Uri[instances];
        var live = new AppProcess[instances];
        urls[0] = pair.AppUrl;
        for (var i = 1; i < instances; i++)
        {
            urls[i] = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/");
        }

        for (var i = 0; i < instances; i++)
        {
            live[i] = await pair.StartInstanceAsync(urls[i]);
        }

        await pair.ConnectZoomAsync();
        // The connection check's meeting is made and deleted before the classes' creates are slowed down.
        await Eventually.ReturnsAsync(pair.Zoom.RequestsAsync, log => log.Any(r => r.Endpoint == SandboxEndpoint.DeleteMeeting && r.StatusCode is not null),
            what: "The connection check done");
        const int Slowed = 5000;
        await pair.Zoom.ScriptAsync(SandboxEndpoint.CreateMeeting, FaultKind.SlowAnswer, Slowed, Hold.TotalSeconds);

        var classes = new Dictionary<Guid, string>();
        for (var i = 0; i < classCount; i++)
        {
            var name = $"Chaos {i:D3} Flow";
            var id = await pair.Kit.ScheduleZoomClassAsync(name, TestCalendar.NextYearOn(2, 1).AddDays(i / 4), new TimeSpan(7 + (i % 4) * 3, 0, 0));
            classes[id] = name;
            if (i % 2 == 0)
            {
                await pair.Kit.BookAsClientAsync(id); // a confirmation email owed, sent by the instances meanwhile
            }
        }

        var kills = new List<Kill>();
        while (kills.Count < killTarget)
        {
            var victim = random.Next(instances);
            var aim = (Aim)(kills.Count % 3);
            var aimed = aim switch
            {
                Aim.WhileZoomHoldsTheAnswer => await WaitForAsync(() => HeldCreatesAsync(pair, Slowed), held => held > 0)
                    && await PauseAsync(TimeSpan.FromMilliseconds(random.Next((int)Hold.TotalMilliseconds / 2))),
                Aim.AsTheAnswerLeaves => await WaitForAnswerAsync(pair),
                _ => await PauseAsync(TimeSpan.FromMilliseconds(random.Next(200, 4000))),
            };
            await live[victim].KillAsync();
            kills.Add(new Kill(DateTimeOffset.UtcNow, victim, aimed ? aim : Aim.AtRandom));
            runLog.Write("run", $"kill {kills.Count}: SIGKILL {pair.NameOf(urls[victim])} {Describe(kills[^1].Aim)}");
            live[victim] = await pair.StartInstanceAsync(urls[victim]);
            runLog.Write("run", $"started {pair.NameOf(urls[victim])}");
        }

        runLog.Write("run", "kills done; slow answers stop; waiting for every class linked and every email sent");

        await pair.Zoom.ClearFaultsAsync();
        var lastKill = kills[^1].At;
        await Eventually.ReturnsAsync(() => SettledAsync(pair, [.. classes.Keys]), settled => settled,
            TimeSpan.FromMinutes(10), what: "Every class linked and every email owed sent");
        var converged = DateTimeOffset.UtcNow - lastKill;

        // What Zoom holds, what the classes hold, and what the owner was told.
        var rows = await pair.RowsAsync(classes.Keys);
        var meetings = await pair.Zoom.MeetingsAsync();
        var log = await pair.Zoom.RequestsAsync();
        var tagged = meetings.Where(m => m.Agenda.StartsWith(TagPrefix, StringComparison.Ordinal)).ToList();
        var told = await NoticesAsync(pair);
        var notices = told.GroupBy(n => n.ClassId).ToDictionary(g => g.Key, g => g.Count());
        var sessions = await SessionsAsync(pair, [.. classes.Keys]);
        var problems = new List<string>();
        var linked = 0;
        foreach (var (classId, name) in classes)
        {
            var row = rows.GetValueOrDefault(classId);
            var held = tagged.Where(m => row?.ExternalId == m.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            if (row?.State != MeetingSyncState.Linked || held.Count != 1)
            {
                problems.Add($"{name}: {row?.State} holding {held.Count} meeting(s)");
                continue;
            }

            var meeting = held[0];
            if (meeting.Topic != name || meeting.StartTime.UtcDateTime != sessions[classId].UtcDateTime || meeting.Agenda != TagPrefix + classId
                || meeting.JoinUrl != row.JoinUrl)
            {
                problems.Add($"{name}: meeting {meeting.Id} says \"{meeting.Topic}\" at {meeting.StartTime:O}, class at {sessions[classId]:O}");
                continue;
            }

            linked++;
        }

        var heldIds = rows.Values.Select(r => r.ExternalId).ToHashSet();
        var orphans = tagged.Where(m => !heldIds.Contains(m.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        var explained = 0;
        var duplicates = 0;
        foreach (var perClass in orphans.GroupBy(m => Guid.Parse(m.Agenda[TagPrefix.Length..])))
        {
            foreach (var orphan in perClass)
            {
                // A kill between Zoom's answer and the write-back: the meeting was made, and its maker died before
                // Zoom's held answer could have been recorded.
                var killedMeanwhile = kills.Any(k => k.At >= orphan.CreatedAt && k.At <= orphan.CreatedAt + Hold + Slack);
                if (killedMeanwhile)
                {
                    explained++;
                }

                runLog.Write("run", $"orphan {orphan.Id} of {classes[perClass.Key]} made {orphan.CreatedAt:HH:mm:ss.fff}{(killedMeanwhile ? "" : ", no kill during its hold")}");
            }

            duplicates += Math.Max(0, perClass.Count() - notices.GetValueOrDefault(perClass.Key));
        }

        // A notice is due when the worker that wrote the note died during its call; one told while the row's lease
        // still ran was told while that call may have been in flight at another worker.
        var noticesExplained = told.Count(n => kills.Any(k => k.At >= n.NoteAt && k.At <= n.NoteAt + TimeSpan.FromSeconds(1) + Hold + Slack));
        var toldEarly = told.Count(n => n.At - n.NoteAt < Lease - TimeSpan.FromSeconds(1));
        foreach (var notice in told)
        {
            runLog.Write("run", $"notice for {classes[notice.ClassId]} ({notice.ClassId}): note of {notice.NoteAt:HH:mm:ss}, told {notice.At:HH:mm:ss.fff}");
        }

        var mail = Directory.GetFiles(pair.MailDirectory, "*.eml").Select(file => MimeMessage.Load(file)).ToList();
        // The outbox's dedupe key (booking, kind, class version) travels in every email; MimeKit's Message-ID is random.
        var sentTwice = mail.GroupBy(m => m.Headers[ClassEmailComposer.EmailKeyHeader] ?? m.MessageId).Count(g => g.Count() > 1);
        var creates = log.Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting);
        var deletes = log.Count(r => r.Endpoint == SandboxEndpoint.DeleteMeeting);
        var modes = string.Join(", ", kills.GroupBy(k => k.Aim).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}"));

        Print(runLog, $"Chaos run ({instances} instance(s), seed {seed}, {watch.Elapsed.TotalMinutes:F1} min; converged {converged.TotalSeconds:F0} s after the last kill)");
        Print(runLog, $"| Instances | Classes | Kills | Linked | Duplicates | Orphans | Orphans explained / shown to the owner | Owner notices (with a kill during their call / told within their note's lease) | Emails | Sent twice |");
        Print(runLog, $"| {instances} | {classCount} | {kills.Count} ({modes}) | {linked}/{classCount} | {duplicates} | {orphans.Count} | {explained} / {orphans.Count(o => notices.ContainsKey(Guid.Parse(o.Agenda[TagPrefix.Length..])))} | {told.Count} ({noticesExplained} / {toldEarly}) | {mail.Count} | {sentTwice} |");
        Print(runLog, $"Create calls {creates}, delete calls {deletes} (the log keeps its last 1,000 requests); emails by kind: "
            + string.Join(", ", mail.GroupBy(m => (m.Subject ?? "").Split(':')[0]).Select(g => $"{g.Key} {g.Count()}")));
        foreach (var problem in problems)
        {
            Print(runLog, "  " + problem);
        }

        Assert.True(kills.Count >= killTarget, $"Only {kills.Count} kills");
        Assert.Empty(problems);
        Assert.Equal(classCount, linked);
        Assert.Equal(0, duplicates);
        Assert.Equal(orphans.Count, explained);
        Assert.Equal(0, sentTwice);
        Assert.Equal(told.Count, noticesExplained);
        Assert.Equal(classCount / 2 + classCount % 2, mail.Count(m => (m.Subject ?? "").StartsWith("Booked: Chaos", StringComparison.Ordinal)));
    }

    private enum Aim
    {
        AtRandom,
        WhileZoomHoldsTheAnswer,
        AsTheAnswerLeaves,
    }

    private sealed record Kill(DateTimeOffset At, int Instance, Aim Aim);

    private static string Describe(Aim aim) => aim switch
    {
        Aim.WhileZoomHoldsTheAnswer => "while Zoom held a create's answer",
        Aim.AsTheAnswerLeaves => "as Zoom's answer left (write-back)",
        _ => "at random moments",
    };

    /// <summary>Creates Zoom has made whose answer it still holds: taken from the slow-answer script, not yet answered.</summary>
    private static async Task<int> HeldCreatesAsync(AppBesideZoom pair, int slowed)
    {
        var taken = slowed - await pair.Zoom.PendingFaultsAsync();
        var answered = (await pair.Zoom.RequestsAsync()).Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting && r.Fault == FaultKind.SlowAnswer);
        return taken - answered;
    }

    /// <summary>Waits for the next create answer to leave Zoom; false when none comes (nothing left to create).</summary>
    private static async Task<bool> WaitForAnswerAsync(AppBesideZoom pair)
    {
        var before = (await pair.Zoom.RequestsAsync()).Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting && r.StatusCode is not null);
        return await WaitForAsync(async () => (await pair.Zoom.RequestsAsync()).Count(r => r.Endpoint == SandboxEndpoint.CreateMeeting && r.StatusCode is not null),
            answered => answered > before);
    }

    private static async Task<bool> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!timeout.IsCancellationRequested)
        {
            if (until(await read()))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return false;
    }

    /// <summary>The chaos itself: how long the victim lives before the kill. Not a wait for a state.</summary>
    private static async Task<bool> PauseAsync(TimeSpan pause)
    {
        await Task.Delay(pause);
        return true;
    }

    private static async Task<bool> SettledAsync(AppBesideZoom pair, List<Guid> classIds)
    {
        var rows = await pair.RowsAsync(classIds);
        await using var db = pair.Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var owed = await db.OutboxEmails.CountAsync(e => e.Status == OutboxStatus.Pending);
        return rows.Count == classIds.Count && rows.Values.All(r => r.State == MeetingSyncState.Linked) && owed == 0;
    }

    private sealed record Notice(Guid ClassId, DateTimeOffset At, DateTimeOffset NoteAt);

    /// <summary>The owner's <c>meeting.create_uncertain</c> entries, with when each was told and when its note was written (from its text).</summary>
    private static async Task<List<Notice>> NoticesAsync(AppBesideZoom pair)
    {
        await using var db = pair.Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var entries = await db.AuditEntries.Where(a => a.Action == AuditActions.MeetingCreateUncertain && a.ClassSessionId != null)
            .Select(a => new { ClassId = a.ClassSessionId!.Value, a.OccurredAt, a.Details }).ToListAsync();
        return [.. entries.Select(e => new Notice(e.ClassId, e.OccurredAt, DateTimeOffset.ParseExact(NoteTime().Match(e.Details).Groups[1].Value,
            "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))];
    }

    [GeneratedRegex(@"meeting at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC")]
    private static partial Regex NoteTime();

    private static async Task<Dictionary<Guid, DateTimeOffset>> SessionsAsync(AppBesideZoom pair, List<Guid> classIds)
    {
        await using var db = pair.Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => classIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.StartsAt);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static void Print(RunLog runLog, string line)
    {
        runLog.Write("run", line);
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "junocal-chaos.txt"), line + Environment.NewLine);
    }
}
