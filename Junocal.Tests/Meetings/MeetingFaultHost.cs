using Junocal.Domain.Meetings;
using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Integrations.Zoom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// A host for the meeting fault tests: the database can be told to fail the next write of a meeting's outcome,
/// the line to Zoom can answer like a gateway (502) or hold a call, and Zoom calls time out after
/// <see cref="ZoomTimeout"/> instead of 20 s so a hanging Zoom costs little.
/// </summary>
public sealed class MeetingFaultHost : JunocalApp
{
    public static readonly TimeSpan ZoomTimeout = TimeSpan.FromSeconds(2);

    public MeetingWriteFailures WriteFailures => Services.GetRequiredService<MeetingWriteFailures>();

    public ZoomLine Line => Services.GetRequiredService<ZoomLine>();

    protected override void ConfigureTestHost(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<MeetingWriteFailures>();
            services.AddSingleton<ZoomLine>();
            services.ConfigureDbContext<SqliteJunocalDbContext>(
                (sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingWriteFailures>()), ServiceLifetime.Singleton);
            services.ConfigureDbContext<SqlServerJunocalDbContext>(
                (sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingWriteFailures>()), ServiceLifetime.Singleton);
            services.AddHttpClient<ZoomApiClient>(http => http.Timeout = ZoomTimeout)
                .AddHttpMessageHandler(sp => new ZoomLineHandler(sp.GetRequiredService<ZoomLine>()));
        });
}

[CollectionDefinition(Name)]
public sealed class MeetingFaultHosts : ICollectionFixture<MeetingFaultHost>
{
    public const string Name = "meeting-faults";
}

/// <summary>
/// Fails the next save that records a sync's outcome (the meeting row gets a new fingerprint, or is removed) — the
/// write that follows a Zoom call — as a lost database connection would. Claims and class edits pass.
/// </summary>
public sealed class MeetingWriteFailures : SaveChangesInterceptor
{
    private int _armed;

    public void FailNextOutcomeWrite() => Interlocked.Exchange(ref _armed, 1);

    public bool Armed => Volatile.Read(ref _armed) == 1;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && RecordsAnOutcome(db) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            throw new DbUpdateException("The database connection was lost (injected by the test).");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static bool RecordsAnOutcome(DbContext db) =>
        db.ChangeTracker.Entries<ClassMeeting>().Any(e =>
            e.State == EntityState.Deleted
            || (e.State == EntityState.Modified && e.Property(m => m.SentFingerprint).IsModified));
}

/// <summary>The line between Junocal and Zoom: can answer a call like a failing gateway, or hold a call's answer.</summary>
public sealed class ZoomLine
{
    private readonly Lock _gate = new();
    private readonly List<(HttpMethod Method, HttpStatusCode Status)> _gatewayErrors = [];
    private (HttpMethod Method, TaskCompletionSource Reached, TaskCompletionSource Release)? _hold;

    /// <summary>The next call with this method to a meeting endpoint gets <paramref name="status"/> from a gateway; Zoom never sees it.</summary>
    public void FailNext(HttpMethod method, HttpStatusCode status)
    {
        lock (_gate)
        {
            _gatewayErrors.Add((method, status));
        }
    }

    /// <summary>
    /// The next call with this method reaches Zoom and takes effect, but its answer is held until
    /// <c>release</c> completes; <c>reached</c> completes when Zoom has answered.
    /// </summary>
    public (Task Reached, TaskCompletionSource Release) HoldNext(HttpMethod method)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _hold = (method, reached, release);
        }

        return (reached.Task, release);
    }

    internal HttpStatusCode? TakeGatewayError(HttpRequestMessage request)
    {
        lock (_gate)
        {
            var index = _gatewayErrors.FindIndex(e => e.Method == request.Method && IsMeetingCall(request));
            if (index < 0)
            {
                return null;
            }

            var status = _gatewayErrors[index].Status;
            _gatewayErrors.RemoveAt(index);
            return status;
        }
    }

    internal (TaskCompletionSource Reached, TaskCompletionSource Release)? TakeHold(HttpRequestMessage request)
    {
        lock (_gate)
        {
            if (_hold is { } hold && hold.Method == request.Method && IsMeetingCall(request))
            {
                _hold = null;
                return (hold.Reached, hold.Release);
            }

            return null;
        }
    }

    private static bool IsMeetingCall(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.Contains("/meetings", StringComparison.Ordinal) == true;
}

internal sealed class ZoomLineHandler(ZoomLine line) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (line.TakeGatewayError(request) is { } status)
        {
            return new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = new StringContent("<html><body><h1>502 Bad Gateway</h1></body></html>", System.Text.Encoding.UTF8, "text/html"),
            };
        }

        var hold = line.TakeHold(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (hold is { } held)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            held.Reached.TrySetResult();
            await held.Release.Task.WaitAsync(cancellationToken);
        }

        return response;
    }
}
