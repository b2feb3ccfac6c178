using System.Net;
using Junocal.Web.Data;
using Junocal.Web.Integrations.Zoom;
using Junocal.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// What a test can break in a host: the line to Zoom (a gateway error, a call that times out) and the database's
/// next write of a meeting's outcome (fail it, or hold it). Every host has them; nothing happens until armed, and
/// <see cref="JunocalApp.ResetAsync"/> disarms them.
/// </summary>
public sealed class TestFaults
{
    public ZoomLine Line { get; } = new();

    public MeetingWriteFailures Writes { get; } = new();

    public void Clear()
    {
        Line.Clear();
        Writes.Clear();
    }

    internal static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<TestFaults>();
        services.ConfigureDbContext<SqliteJunocalDbContext>(
            (sp, db) => db.AddInterceptors(sp.GetRequiredService<TestFaults>().Writes), ServiceLifetime.Singleton);
        services.ConfigureDbContext<SqlServerJunocalDbContext>(
            (sp, db) => db.AddInterceptors(sp.GetRequiredService<TestFaults>().Writes), ServiceLifetime.Singleton);
        services.AddHttpClient<ZoomApiClient>()
            .AddHttpMessageHandler(sp => new ZoomLineHandler(sp.GetRequiredService<TestFaults>().Line));
    }
}

/// <summary>
/// The save that records a sync's outcome (the meeting row gets a new fingerprint, or is removed) — the write that
/// follows a Zoom call: fail the next one as a lost database connection would, or hold it until the test lets it go.
/// Claims and class edits pass.
/// </summary>
public sealed class MeetingWriteFailures : SaveChangesInterceptor
{
    private int _armed;
    private Hold? _hold;

    public void FailNextOutcomeWrite() => Interlocked.Exchange(ref _armed, 1);

    public bool Armed => Volatile.Read(ref _armed) == 1;

    /// <summary>
    /// The next outcome write waits for <c>release</c>; <c>reached</c> completes when it is about to be written. The
    /// Zoom call before it has completed by then, so the hold is outside any HTTP timeout.
    /// </summary>
    public (Task Reached, TaskCompletionSource Release) HoldNextOutcomeWrite()
    {
        var hold = new Hold();
        Interlocked.Exchange(ref _hold, hold);
        return (hold.Reached.Task, hold.Release);
    }

    public void Clear()
    {
        Interlocked.Exchange(ref _armed, 0);
        Interlocked.Exchange(ref _hold, null)?.Release.TrySetResult();
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && RecordsAnOutcome(db))
        {
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                hold.Reached.TrySetResult();
                await hold.Release.Task.WaitAsync(cancellationToken);
            }

            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                throw new DbUpdateException("The database connection was lost (injected by the test).");
            }
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private sealed class Hold
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static bool RecordsAnOutcome(DbContext db) =>
        db.ChangeTracker.Entries<ClassMeeting>().Any(e =>
            e.State == EntityState.Deleted
            || (e.State == EntityState.Modified && e.Property(m => m.SentFingerprint).IsModified))
        // The connection check recording the meeting it just created.
        || db.ChangeTracker.Entries<Junocal.Web.Integrations.Zoom.ZoomConnection>().Any(e =>
            e.State == EntityState.Modified && e.Property(c => c.CheckMeetingId).IsModified && e.Entity.CheckMeetingId is not null);
}

/// <summary>
/// The line between Junocal and Zoom: can answer a call like a failing gateway, or give up on a call Zoom does not
/// answer after <see cref="HangTimeout"/>, as the app's HTTP timeout would (the app's own timeout is far longer).
/// </summary>
public sealed class ZoomLine
{
    /// <summary>How long a call armed with <see cref="TimeOutNext"/> waits before it times out.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<(HttpMethod Method, HttpStatusCode Status)> _gatewayErrors = [];
    private readonly List<HttpMethod> _timeouts = [];

    /// <summary>The next call with this method to a meeting endpoint gets <paramref name="status"/> from a gateway; Zoom never sees it.</summary>
    public void FailNext(HttpMethod method, HttpStatusCode status)
    {
        lock (_gate)
        {
            _gatewayErrors.Add((method, status));
        }
    }

    /// <summary>The next call with this method to a meeting endpoint times out if Zoom has not answered within <see cref="HangTimeout"/>.</summary>
    public void TimeOutNext(HttpMethod method)
    {
        lock (_gate)
        {
            _timeouts.Add(method);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _gatewayErrors.Clear();
            _timeouts.Clear();
        }
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

    internal bool TakeTimeout(HttpRequestMessage request)
    {
        lock (_gate)
        {
            return IsMeetingCall(request) && _timeouts.Remove(request.Method);
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

        if (!line.TakeTimeout(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ZoomLine.HangTimeout);
        try
        {
            return await base.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // What HttpClient throws when its own timeout passes.
            throw new TaskCanceledException($"The request was canceled due to the configured HttpClient.Timeout of {ZoomLine.HangTimeout.TotalSeconds} seconds elapsing.",
                new TimeoutException());
        }
    }
}
