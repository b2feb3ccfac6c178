using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Dashboard;

/// <summary>
/// What the sandbox holds, as JSON for tests that run it as its own process: <c>GET /meetings</c> (every meeting, with
/// its agenda and when it was made) and <c>GET /requests</c> (the request log).
/// </summary>
internal static class StateEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IResult Meetings(ZoomSandboxState sandbox) => Results.Json(
        sandbox.Meetings.Select(m => new HeldMeeting(m.Id, m.HostId, m.Topic, m.StartTime, m.Duration, m.Timezone, m.Agenda, m.JoinUrl, m.CreatedAt)),
        Json);

    public static IResult Requests(ZoomSandboxState sandbox) => Results.Json(sandbox.Requests, Json);
}

/// <summary>A meeting as <c>GET /meetings</c> lists it.</summary>
public sealed record HeldMeeting(
    long Id, string HostId, string Topic, DateTimeOffset StartTime, int Duration, string Timezone, string Agenda, string JoinUrl, DateTimeOffset CreatedAt);
