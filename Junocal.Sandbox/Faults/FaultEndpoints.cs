using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Faults;

/// <summary>
/// The fault API for out-of-process tests: <c>POST /faults</c> with
/// <c>{"endpoint":"CreateMeeting","kind":"ServerError","times":2,"retryAfterSeconds":3}</c> (a <c>SlowAnswer</c> takes
/// <c>"delaySeconds"</c>),
/// <c>GET /faults</c> lists what is pending, <c>DELETE /faults</c> clears it.
/// </summary>
internal static class FaultEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<IResult> ScriptAsync(HttpContext http, ZoomSandboxState sandbox)
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

        if (request is null || request.Times < 1)
        {
            return Results.Problem("Give endpoint, kind and times ≥ 1.", statusCode: StatusCodes.Status400BadRequest);
        }

        var retryAfter = request.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var delay = request.DelaySeconds is { } held ? TimeSpan.FromSeconds(held) : (TimeSpan?)null;
        sandbox.Faults.Script(request.Endpoint, request.Kind, request.Times, retryAfter, delay);
        return Results.Json(Pending(sandbox), Json, statusCode: StatusCodes.Status201Created);
    }

    public static IResult List(ZoomSandboxState sandbox) => Results.Json(Pending(sandbox), Json);

    public static IResult Clear(ZoomSandboxState sandbox)
    {
        sandbox.Faults.Clear();
        return Results.NoContent();
    }

    private static IEnumerable<FaultRequest> Pending(ZoomSandboxState sandbox) =>
        sandbox.Faults.Pending.Select(fault => new FaultRequest(fault.Endpoint, fault.Kind, 1, fault.RetryAfter?.TotalSeconds, fault.Delay?.TotalSeconds));

    internal sealed record FaultRequest(SandboxEndpoint Endpoint, FaultKind Kind, int Times = 1, double? RetryAfterSeconds = null,
        double? DelaySeconds = null);
}
