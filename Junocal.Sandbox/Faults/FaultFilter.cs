using Junocal.Sandbox.Diagnostics;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Meetings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Faults;

/// <summary>Logs each request to a tagged endpoint and plays the next scripted fault for it, if any.</summary>
internal sealed class FaultFilter(
    ZoomSandboxState state,
    IOptions<ZoomSandboxOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<FaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<SandboxEndpointTag>() is not { } tag)
        {
            return await next(context);
        }

        var fault = state.Faults.TakeNext(tag.Endpoint);
        var entry = new LoggedRequest(state.Time.GetUtcNow(), http.Request.Method, http.Request.Path.Value ?? "", tag.Endpoint, null, fault?.Kind);
        if (fault is null)
        {
            LogWhenComplete(http, entry);
            return await next(context);
        }

        SandboxLog.FaultApplied(logger, tag.Endpoint, fault.Kind);
        switch (fault.Kind)
        {
            case FaultKind.Hang:
                state.RequestLog.Add(entry);
                await HangAsync(http);
                return Results.Empty;
            case FaultKind.DropConnection:
                state.RequestLog.Add(entry);
                http.Abort();
                return Results.Empty;
            case FaultKind.LoseResponse:
                state.RequestLog.Add(entry);
                await ExecuteAndDiscardAsync(context, next);
                http.Abort();
                return Results.Empty;
            case FaultKind.SlowAnswer:
                LogWhenComplete(http, entry);
                var answer = await next(context);
                await HoldAsync(fault.Delay ?? TimeSpan.FromSeconds(2));
                return answer;
            default:
                LogWhenComplete(http, entry);
                return Answer(fault, http);
        }
    }

    private ZoomErrorResult Answer(ScriptedFault fault, HttpContext http)
    {
        var now = state.Time.GetUtcNow();
        return fault.Kind switch
        {
            FaultKind.ServerError => ZoomErrors.ServerError(),
            FaultKind.RateLimited => ZoomErrors.PerSecondLimit(options.Value.PerSecondLimit, now.AddSeconds(1), fault.RetryAfter),
            FaultKind.DailyLimitReached => ZoomErrors.DailyLimit(options.Value.PerUserDailyLimit, UsageLimits.NextUtcMidnight(now)),
            FaultKind.InvalidGrant => OAuthErrors.InvalidToken(),
            FaultKind.MeetingNotFound => ZoomErrors.InvalidMeetingId(http.Request.RouteValues["meetingId"]?.ToString() ?? "0"),
            _ => throw new InvalidOperationException($"Unhandled fault kind {fault.Kind}."),
        };
    }

    private async Task HoldAsync(TimeSpan delay)
    {
        try
        {
            // Not the request's abort token: like Zoom, the sandbox has done the work whether or not the caller still waits.
            await Task.Delay(delay, state.Time, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HangAsync(HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the sandbox is stopping; either way nobody reads an answer.
        }

        http.Abort();
    }

    private static async Task ExecuteAndDiscardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Run the real handler and its result so the change takes effect, into a body nobody will read.
        var http = context.HttpContext;
        var realBody = http.Response.Body;
        http.Response.Body = Stream.Null;
        try
        {
            if (await next(context) is IResult result)
            {
                await result.ExecuteAsync(http);
            }
        }
        finally
        {
            http.Response.Body = realBody;
        }
    }

    private void LogWhenComplete(HttpContext http, LoggedRequest entry) =>
        http.Response.OnCompleted(() =>
        {
            state.RequestLog.Add(entry with { StatusCode = http.Response.StatusCode });
            return Task.CompletedTask;
        });
}
