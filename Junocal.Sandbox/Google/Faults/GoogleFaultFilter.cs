using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junocal.Sandbox.Google.Faults;

/// <summary>Logs each request to a tagged endpoint and plays the next scripted fault for it, if any.</summary>
internal sealed partial class GoogleFaultFilter(
    GoogleSandboxState state,
    IHostApplicationLifetime lifetime,
    ILogger<GoogleFaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<GoogleEndpointTag>() is not { } tag)
        {
            return await next(context);
        }

        var fault = state.Faults.TakeNext(tag.Endpoint);
        var entry = new GoogleLoggedRequest(state.Time.GetUtcNow(), http.Request.Method, http.Request.Path.Value ?? "", tag.Endpoint, null, fault?.Kind);
        if (fault is null)
        {
            LogWhenComplete(http, entry);
            return await next(context);
        }

        LogFaultApplied(logger, tag.Endpoint, fault.Kind);
        switch (fault.Kind)
        {
            case GoogleFaultKind.Hang:
                state.RequestLog.Add(entry);
                await HangAsync(http);
                return Results.Empty;
            case GoogleFaultKind.DropConnection:
                state.RequestLog.Add(entry);
                http.Abort();
                return Results.Empty;
            case GoogleFaultKind.LoseResponse:
                state.RequestLog.Add(entry);
                await ExecuteAndDiscardAsync(context, next);
                http.Abort();
                return Results.Empty;
            case GoogleFaultKind.LoseResponseWith500:
                LogWhenComplete(http, entry);
                await ExecuteAndDiscardAsync(context, next);
                http.Response.Clear();
                return GoogleErrors.BackendError();
            case GoogleFaultKind.SlowAnswer:
                LogWhenComplete(http, entry);
                var answer = await next(context);
                await HoldAsync(fault.Delay ?? TimeSpan.FromSeconds(2));
                return answer;
            default:
                LogWhenComplete(http, entry);
                return Answer(fault, tag.Endpoint);
        }
    }

    private static GoogleJsonResult Answer(GoogleScriptedFault fault, GoogleEndpoint endpoint)
    {
        var oauth = endpoint is GoogleEndpoint.Token or GoogleEndpoint.Revoke or GoogleEndpoint.Authorize or GoogleEndpoint.UserInfo;
        return fault.Kind switch
        {
            GoogleFaultKind.Fail when oauth => OAuthErrors.Error(fault.Status!.Value, fault.Reason!, fault.Reason!),
            GoogleFaultKind.Fail => GoogleErrors.Scripted(fault.Status!.Value, fault.Reason!),
            GoogleFaultKind.RateLimited => GoogleErrors.RateLimitExceeded(fault.Status ?? 403),
            GoogleFaultKind.UserRateLimited => GoogleErrors.UserRateLimitExceeded(),
            GoogleFaultKind.QuotaExceeded => GoogleErrors.QuotaExceeded(),
            GoogleFaultKind.InvalidGrant => OAuthErrors.DeadRefreshToken(),
            GoogleFaultKind.ServerError when oauth => OAuthErrors.Error(fault.Status ?? 500, "internal_failure", "Backend Error"),
            GoogleFaultKind.ServerError => GoogleErrors.BackendError(fault.Status ?? 500),
            _ => throw new InvalidOperationException($"Unhandled fault kind {fault.Kind}."),
        };
    }

    private async Task HoldAsync(TimeSpan delay)
    {
        try
        {
            // Not the request's abort token: the work is done whether or not the caller still waits.
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

    private void LogWhenComplete(HttpContext http, GoogleLoggedRequest entry) =>
        http.Response.OnCompleted(() =>
        {
            state.RequestLog.Add(entry with { StatusCode = http.Response.StatusCode });
            return Task.CompletedTask;
        });

    [LoggerMessage(EventId = 7151, Level = LogLevel.Information, Message = "Google sandbox answered {Endpoint} with scripted fault {Fault}")]
    private static partial void LogFaultApplied(ILogger logger, GoogleEndpoint endpoint, GoogleFaultKind fault);
}
