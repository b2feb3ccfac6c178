using System.Globalization;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Meetings;

/// <summary>The REST API under <c>/v2</c>: the user, and meeting create, get, update and delete.</summary>
internal static class MeetingEndpoints
{
    // GET /users/{userId} needs user:read:user (docs/zoom.md, "Scopes").
    public static IResult GetUser(string userId, HttpContext http, ZoomSandboxState sandbox)
    {
        var (user, error) = ApiAccess.Check(http, sandbox, "user:read:user");
        if (user is null)
        {
            return error!;
        }

        if (!ApiAccess.IsSelf(userId, user))
        {
            return ZoomErrors.UserNotFound(userId);
        }

        return sandbox.Limits.TakePerSecond(user.AccountId, "users.get") ?? Results.Json(UserResponse.From(user), SandboxJson.Options);
    }

    // POST /users/{userId}/meetings: 201, needs meeting:write:meeting (https://developers.zoom.us/docs/isv/workflows/create-meeting/).
    public static async Task<IResult> CreateAsync(string userId, HttpContext http, ZoomSandboxState sandbox)
    {
        var (host, error) = ApiAccess.Check(http, sandbox, "meeting:write:meeting");
        if (host is null)
        {
            return error!;
        }

        if (!ApiAccess.IsSelf(userId, host))
        {
            return ZoomErrors.UserNotFound(userId);
        }

        if ((sandbox.Limits.TakePerSecond(host.AccountId, "meetings.create") ?? sandbox.Limits.TakeDaily(host.Id)) is { } limited)
        {
            return limited;
        }

        var (input, inputError) = await MeetingInput.ReadAsync(http.Request.Body, http.RequestAborted);
        if ((inputError ?? MeetingRules.Check(input!)) is { } invalid)
        {
            return invalid;
        }

        var id = SandboxIds.NewMeetingId();
        while (sandbox.MeetingStore.ContainsId(id))
        {
            id = SandboxIds.NewMeetingId();
        }

        var (meeting, createError) = MeetingEditor.Create(input!, host, id, SandboxUrls.Root(http), sandbox.Time.GetUtcNow());
        if (meeting is null)
        {
            return createError!;
        }

        sandbox.MeetingStore.Save(meeting);
        return Results.Json(MeetingResponse.From(meeting), SandboxJson.Options, statusCode: StatusCodes.Status201Created);
    }

    // GET /meetings/{meetingId} needs meeting:read:meeting (docs/zoom.md, "Scopes").
    public static IResult Get(string meetingId, HttpContext http, ZoomSandboxState sandbox)
    {
        var (user, error) = ApiAccess.Check(http, sandbox, "meeting:read:meeting");
        if (user is null)
        {
            return error!;
        }

        if (sandbox.Limits.TakePerSecond(user.AccountId, "meetings.get") is { } limited)
        {
            return limited;
        }

        return FindOwned(meetingId, user.Id, sandbox) is { } meeting
            ? Results.Json(MeetingResponse.From(meeting), SandboxJson.Options)
            : NotFound(meetingId);
    }

    // PATCH /meetings/{meetingId}: 204 No Content, counts toward the daily create/update limit
    // (https://developers.qodex.ai/zoom-public/zoom-meeting-api/meetings-meetingid/update-a-meeting).
    public static async Task<IResult> UpdateAsync(string meetingId, HttpContext http, ZoomSandboxState sandbox)
    {
        var (user, error) = ApiAccess.Check(http, sandbox, "meeting:update:meeting");
        if (user is null)
        {
            return error!;
        }

        if (sandbox.Limits.TakePerSecond(user.AccountId, "meetings.update") is { } perSecond)
        {
            return perSecond;
        }

        if (FindOwned(meetingId, user.Id, sandbox) is not { } meeting)
        {
            return NotFound(meetingId);
        }

        if (sandbox.Limits.TakeDaily(user.Id) is { } daily)
        {
            return daily;
        }

        var (input, inputError) = await MeetingInput.ReadAsync(http.Request.Body, http.RequestAborted);
        if ((inputError ?? MeetingRules.Check(input!)) is { } invalid)
        {
            return invalid;
        }

        var (updated, updateError) = MeetingEditor.Update(meeting, input!, SandboxUrls.Root(http));
        if (updated is null)
        {
            return updateError!;
        }

        sandbox.MeetingStore.Save(updated);
        return Results.NoContent();
    }

    // DELETE /meetings/{meetingId}: 204. Zoom sends meeting.deleted for API deletes too (docs/zoom.md, "Webhooks").
    public static IResult Delete(string meetingId, HttpContext http, ZoomSandboxState sandbox)
    {
        var (user, error) = ApiAccess.Check(http, sandbox, "meeting:delete:meeting");
        if (user is null)
        {
            return error!;
        }

        if (sandbox.Limits.TakePerSecond(user.AccountId, "meetings.delete") is { } limited)
        {
            return limited;
        }

        if (FindOwned(meetingId, user.Id, sandbox) is not { } meeting || sandbox.MeetingStore.Remove(meeting.Id) is null)
        {
            return NotFound(meetingId);
        }

        sandbox.Outbox.Enqueue(WebhookEvents.MeetingDeletedEvent(meeting, user, sandbox.Time.GetUtcNow()));
        return Results.NoContent();
    }

    // Another user's meeting is as invisible to a user-level token as a missing one.
    private static SandboxMeeting? FindOwned(string meetingId, string userId, ZoomSandboxState sandbox) =>
        long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && sandbox.MeetingStore.Find(id) is { } meeting
        && meeting.HostId == userId
            ? meeting
            : null;

    private static ZoomErrorResult NotFound(string meetingId) => ZoomErrors.InvalidMeetingId(meetingId);
}
