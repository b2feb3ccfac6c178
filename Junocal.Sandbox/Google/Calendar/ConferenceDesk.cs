using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>
/// Meet conferences asked for with <c>createRequest</c>: answered <c>pending</c>, then resolved to the planned outcome
/// after the knob's delay (or the Nth get), which also notifies the calendar's watchers (docs/google-sandbox.md).
/// </summary>
internal sealed class ConferenceDesk(GoogleSandboxState sandbox)
{
    private static readonly string[] KnownSolutionTypes = ["hangoutsMeet", "eventHangout", "eventNamedHangout", "addOn"];

    public (GoogleConference? Conference, IResult? Error) Request(JsonObject conferenceData, GoogleCalendar calendar, GoogleConference? existing, DateTimeOffset now)
    {
        if (conferenceData["createRequest"] is not JsonObject createRequest)
        {
            return (existing, null);
        }

        if (createRequest["requestId"]?.GetValue<string>() is not { Length: > 0 } requestId)
        {
            return (null, GoogleErrors.Invalid("Invalid conference create request."));
        }

        // "If an ID provided is the same as for the previous request, the request is ignored." (CreateConferenceRequest)
        if (existing?.RequestId == requestId)
        {
            return (existing, null);
        }

        var type = createRequest["conferenceSolutionKey"]?["type"]?.GetValue<string>() ?? "hangoutsMeet";
        if (!KnownSolutionTypes.Contains(type, StringComparer.Ordinal))
        {
            return (null, GoogleErrors.Invalid("Invalid conference type value."));
        }

        var knobs = sandbox.Knobs;
        var offered = type == "hangoutsMeet" && calendar.AllowsMeet;
        var outcome = offered ? knobs.ConferenceOutcome : ConferenceOutcome.Failure;
        var conference = new GoogleConference(requestId, type, ConferenceStatus.Pending, null, now, now + knobs.ConferenceDelay, outcome);
        // A solution the calendar does not offer fails at once (UNSOURCED: Google may instead answer 400).
        var immediate = !offered || (knobs.ConferenceDelay <= TimeSpan.Zero && outcome != ConferenceOutcome.StaysPending);
        return (immediate ? Resolved(conference) : conference, null);
    }

    /// <summary>Counts a get of a pending event and resolves it when its time or its count has come.</summary>
    public GoogleEvent CountGet(GoogleEvent e)
    {
        if (e.Conference is not { Status: ConferenceStatus.Pending } conference)
        {
            return e;
        }

        var counted = e with { Conference = conference with { GetsWhilePending = conference.GetsWhilePending + 1 } };
        sandbox.Calendars.Touch(counted);
        var afterGets = sandbox.Knobs.ConferenceResolvesAfterGets;
        var due = IsDue(counted.Conference!, sandbox.Time.GetUtcNow())
                  || (afterGets is { } n && counted.Conference!.GetsWhilePending >= n && conference.PlannedOutcome != ConferenceOutcome.StaysPending);
        return due ? Resolve(counted) ?? counted : counted;
    }

    /// <summary>Resolves every conference whose delay has passed; the timer calls it.</summary>
    public void ResolveDue()
    {
        var now = sandbox.Time.GetUtcNow();
        foreach (var e in sandbox.Calendars.Events.Where(e => e.Conference is { } c && IsDue(c, now)))
        {
            Resolve(e);
        }
    }

    private static bool IsDue(GoogleConference conference, DateTimeOffset now) =>
        conference.Status == ConferenceStatus.Pending && conference.PlannedOutcome != ConferenceOutcome.StaysPending && conference.ResolvesAt <= now;

    private GoogleEvent? Resolve(GoogleEvent e)
    {
        var requestId = e.Conference!.RequestId;
        var saved = sandbox.Calendars.Update(e.CalendarId, e.Id, latest =>
            latest.Conference is { Status: ConferenceStatus.Pending } pending && pending.RequestId == requestId
                ? latest with { Conference = Resolved(pending), Updated = sandbox.Time.GetUtcNow() }
                : null);
        if (saved is not null)
        {
            sandbox.Changed(saved.CalendarId, null);
        }

        return saved;
    }

    private static GoogleConference Resolved(GoogleConference pending) => pending.PlannedOutcome == ConferenceOutcome.Success
        ? pending with { Status = ConferenceStatus.Success, ConferenceId = NewMeetingCode() }
        : pending with { Status = ConferenceStatus.Failure };

    /// <summary>"the 10-letter meeting code, for example aaa-bbbb-ccc" (ConferenceData.conferenceId).</summary>
    private static string NewMeetingCode()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return $"{RandomNumberGenerator.GetString(letters, 3)}-{RandomNumberGenerator.GetString(letters, 4)}-{RandomNumberGenerator.GetString(letters, 3)}";
    }
}
