using Junocal.Sandbox.Diagnostics;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Meetings;
using Junocal.Sandbox.OAuth;
using Junocal.Sandbox.Users;
using Junocal.Sandbox.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox;

/// <summary>
/// Everything the sandbox holds, for the dashboard and for tests: users, grants, tokens, meetings, the request log,
/// webhook deliveries, and the fault script. Time comes from the <see cref="TimeProvider"/> in DI.
/// </summary>
public sealed class ZoomSandboxState
{
    private readonly IOptions<ZoomSandboxOptions> _options;
    private readonly TimeProvider _time;

    public ZoomSandboxState(IOptions<ZoomSandboxOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options;
        _time = time;
        OAuth = new OAuthStore(time, options.Value.ClientId);
        Limits = new UsageLimits(time, options);
        Outbox = new WebhookOutbox(options, time, loggerFactory.CreateLogger<WebhookOutbox>());
    }

#pragma warning disable CA1822 // An instance member so every view of the sandbox is read through the state object.
    public IReadOnlyList<ZoomTestUser> Users => TestUsers.All;
#pragma warning restore CA1822

    public IReadOnlyList<SandboxGrant> Grants => OAuth.Grants;

    public IReadOnlyList<SandboxToken> Tokens => OAuth.Tokens;

    public IReadOnlyList<SandboxMeeting> Meetings => MeetingStore.All;

    public IReadOnlyList<LoggedRequest> Requests => RequestLog.Entries;

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => Outbox.All;

    /// <summary>Scripts the next answers of an endpoint (500, 429, hang, dropped connection, invalid_grant, 3001…).</summary>
    public FaultScript Faults { get; } = new();

    internal OAuthStore OAuth { get; }

    internal MeetingStore MeetingStore { get; } = new();

    internal UsageLimits Limits { get; }

    internal WebhookOutbox Outbox { get; }

    internal RequestLog RequestLog { get; } = new();

    internal TimeProvider Time => _time;

    /// <summary>The meetings a user hosts, e.g. to count orphans a test left behind.</summary>
    public IReadOnlyList<SandboxMeeting> MeetingsOf(string userId) => [.. Meetings.Where(meeting => meeting.HostId == userId)];

    public SandboxMeeting? FindMeeting(long meetingId) => MeetingStore.Find(meetingId);

    /// <summary>Creates and updates the user has made today (UTC), counted against the daily limit.</summary>
    public int DailyRequestsUsed(string userId) => Limits.UsedToday(userId);

    /// <summary>
    /// Forgets grants, tokens, meetings, usage counts, scripted faults and the logs, for tests that share one host.
    /// </summary>
    public void Reset()
    {
        OAuth.Clear();
        MeetingStore.Clear();
        Limits.Clear();
        Faults.Clear();
        RequestLog.Clear();
        Outbox.ClearRecord();
    }

    /// <summary>Deletes a meeting as its host would on the Zoom web portal, sending <c>meeting.deleted</c>.</summary>
    public bool DeleteMeetingInZoom(long meetingId)
    {
        if (MeetingStore.Remove(meetingId) is not { } meeting)
        {
            return false;
        }

        Outbox.Enqueue(WebhookEvents.MeetingDeletedEvent(meeting, TestUsers.Find(meeting.HostId)!, _time.GetUtcNow()));
        return true;
    }

    /// <summary>Removes the app for a user as the Zoom App Marketplace would, sending <c>app_deauthorized</c>.</summary>
    public bool UninstallApp(string userId)
    {
        var ended = OAuth.Uninstall(userId);
        foreach (var grant in ended)
        {
            SendDeauthorized(grant);
        }

        return ended.Count > 0;
    }

    /// <summary>Sends <c>endpoint.url_validation</c>; the delivery records whether the answer was right.</summary>
    public WebhookDelivery SendUrlValidation()
    {
        var plainToken = SandboxIds.NewSecret(16);
        return Outbox.Enqueue(WebhookEvents.UrlValidationEvent(plainToken, _time.GetUtcNow()), plainToken);
    }

    internal void SendDeauthorized(SandboxGrant grant) =>
        Outbox.Enqueue(WebhookEvents.AppDeauthorizedEvent(grant, _options.Value.WebhookSecretToken, _time.GetUtcNow()));
}
