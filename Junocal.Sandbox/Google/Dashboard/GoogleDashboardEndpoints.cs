using System.Text.Json;
using System.Text.Json.Serialization;
using Junocal.Sandbox.Google.Faults;
using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junocal.Sandbox.Google.Dashboard;

/// <summary>
/// The operator's side of the sandbox: the dashboard and its form posts (each answers 303 back to the dashboard), the
/// fault API (<c>POST|GET|DELETE /faults</c>, as the Zoom sandbox's), and what the sandbox holds as JSON.
/// </summary>
internal static class GoogleDashboardEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(RouteGroupBuilder operatorPages)
    {
        operatorPages.MapGet("/", GoogleDashboardPage.Render);
        var forms = operatorPages.MapGroup("/dashboard").AddEndpointFilter<SameOriginFilter>();
        forms.MapPost("/events/delete", DeleteEventAsync);
        forms.MapPost("/events/remove-meet", RemoveMeetAsync);
        forms.MapPost("/users/{sub}/remove-access", RemoveAccess);
        forms.MapPost("/sync-tokens/invalidate", InvalidateSyncTokens);
        operatorPages.MapPost("/faults", ScriptFaultAsync).AddEndpointFilter<SameOriginFilter>();
        operatorPages.MapGet("/faults", ListFaults);
        operatorPages.MapDelete("/faults", ClearFaults).AddEndpointFilter<SameOriginFilter>();
        operatorPages.MapGet("/events", (GoogleSandboxState sandbox) => Results.Json(sandbox.Events.Select(HeldEvent.From), Json));
        operatorPages.MapGet("/notifications", (GoogleSandboxState sandbox) => Results.Json(sandbox.NotificationsSent.Select(SentNotification.From), Json));
        operatorPages.MapGet("/requests", (GoogleSandboxState sandbox) => Results.Json(sandbox.Requests, Json));
    }

    private static async Task<IResult> DeleteEventAsync(HttpContext http, GoogleSandboxState sandbox)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var deleted = sandbox.DeleteEventInGoogle(form["calendarId"].ToString(), form["eventId"].ToString());
        return Back(http, deleted ? "Event deleted in Google Calendar; its watchers were notified." : "That event does not exist or was already deleted.");
    }

    private static async Task<IResult> RemoveMeetAsync(HttpContext http, GoogleSandboxState sandbox)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var removed = sandbox.RemoveMeetFromEvent(form["calendarId"].ToString(), form["eventId"].ToString());
        return Back(http, removed ? "Google Meet removed from the event; its watchers were notified." : "That event has no Google Meet to remove.");
    }

    private static SeeOther RemoveAccess(string sub, HttpContext http, GoogleSandboxState sandbox, Microsoft.Extensions.Options.IOptions<GoogleSandboxOptions> options)
    {
        var user = GoogleTestUsers.Find(sub);
        var removed = user is not null && sandbox.RemoveAccess(user);
        var app = options.Value.AppName;
        return Back(http, removed ? $"{app}'s access removed: every token of {user!.Email} stopped working." : $"{app} had no access to that account.");
    }

    private static SeeOther InvalidateSyncTokens(HttpContext http, GoogleSandboxState sandbox)
    {
        sandbox.InvalidateSyncTokens();
        return Back(http, "Every sync token now answers 410: a full sync is required.");
    }

    private static async Task<IResult> ScriptFaultAsync(HttpContext http, GoogleSandboxState sandbox)
    {
        // Requiring JSON keeps browsers from posting here cross-site without a preflight.
        if (!http.Request.HasJsonContentType())
        {
            return Results.Problem("Send the fault as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        FaultRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<FaultRequest>(Json, http.RequestAborted);
        }
        catch (JsonException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (request is null || request.Times < 1 || (request.Kind == GoogleFaultKind.Fail && (request.Status is null || request.Reason is null)))
        {
            return Results.Problem("Give endpoint, kind and times ≥ 1; a Fail needs status and reason.", statusCode: StatusCodes.Status400BadRequest);
        }

        var delay = request.DelaySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        sandbox.Faults.Script(request.Endpoint, request.Kind, request.Times, request.Status, request.Reason, delay);
        return Results.Json(Pending(sandbox), Json, statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListFaults(GoogleSandboxState sandbox) => Results.Json(Pending(sandbox), Json);

    private static IResult ClearFaults(GoogleSandboxState sandbox)
    {
        sandbox.Faults.Clear();
        return Results.NoContent();
    }

    private static IEnumerable<FaultRequest> Pending(GoogleSandboxState sandbox) =>
        sandbox.Faults.Pending.Select(fault => new FaultRequest(fault.Endpoint, fault.Kind, 1, fault.Status, fault.Reason, fault.Delay?.TotalSeconds));

    private static SeeOther Back(HttpContext http, string message) =>
        new($"{SandboxUrls.Path(http, "")}?done={Uri.EscapeDataString(message)}");

    internal sealed record FaultRequest(GoogleEndpoint Endpoint, GoogleFaultKind Kind, int Times = 1, int? Status = null, string? Reason = null,
        double? DelaySeconds = null);

    /// <summary>303 so the browser follows a form post with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>An event as <c>GET /events</c> lists it.</summary>
public sealed record HeldEvent(
    string CalendarId, string Id, string Status, string? Summary, string? Start, string? End, string? HangoutLink, string? ConferenceStatus,
    int Sequence, DateTimeOffset Created, DateTimeOffset Updated)
{
    internal static HeldEvent From(Calendar.GoogleEvent e) => new(
        e.CalendarId, e.Id, e.Status, e.Summary, e.Start?.ToJsonString(), e.End?.ToJsonString(), e.HangoutLink,
        e.Conference?.Status.ToString().ToLowerInvariant(), e.Sequence, e.Created, e.Updated);
}

/// <summary>A notification as <c>GET /notifications</c> lists it (no channel token).</summary>
public sealed record SentNotification(string ChannelId, string ResourceState, long MessageNumber, string Status, IReadOnlyList<int?> Answers)
{
    internal static SentNotification From(Push.NotificationDelivery delivery) => new(
        delivery.ChannelId, delivery.ResourceState, delivery.MessageNumber, delivery.Status.ToString(),
        [.. delivery.Attempts.Select(attempt => attempt.StatusCode)]);
}
