using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Google Meet as a meeting provider: each class is an event with a Meet conference on the studio's Junocal calendar
/// (docs/google-meet.md, "Events"). Create is idempotent: the event id comes from the class and its generation, so an
/// insert repeated after a lost answer meets 409 and adopts the event it made, and every uncertain answer is settled
/// by reading the event back. Google makes the conference asynchronously: a create or read that finds it pending
/// answers the event without its link, and the sync looks again.
/// </summary>
public sealed partial class GoogleMeetProvider(
    GoogleCalendarClient api,
    GoogleCalendarSetup setup,
    SystemDbContextFactory contexts,
    IOptionsMonitor<GoogleOptions> options,
    TimeProvider clock,
    ILogger<GoogleMeetProvider> logger) : IMeetingProvider
{
    private static readonly TimeSpan LinkPoll = TimeSpan.FromSeconds(2);

    public LocationKind Kind => LocationKind.GoogleMeet;

    public string DisplayName => "Google Meet";

    public bool CreatesIdempotently => true;

    /// <summary>Google limits Calendar calls per minute, not meetings per day (its daily "usage limits" are unpublished).</summary>
    public int? DailyChangeLimit => null;

    public async Task<MeetingProviderStatus> GetStatusAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return connection switch
        {
            { Status: GoogleConnectionStatus.Connected, MeetUnavailable: true } =>
                new MeetingProviderStatus(Kind, false, connection.CalendarProblem, MeetingProviderStatus.IntegrationsUrl),
            { Status: GoogleConnectionStatus.Connected } => MeetingProviderStatus.Connected(Kind),
            { Status: GoogleConnectionStatus.ReconnectRequired } => MeetingProviderStatus.ReconnectRequired(Kind),
            _ => MeetingProviderStatus.NotConnected(Kind),
        };
    }

    public async Task<MeetingCallResult> CreateAsync(Guid studioId, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(studioId, cancellationToken);
        if (calendar.Failure is { } failure)
        {
            return failure;
        }

        // Google keeps a deleted event's id: each generation found cancelled moves on to the next.
        for (var round = 0; round < 5; round++)
        {
            var generation = await GenerationAsync(studioId, desired.ClassId, cancellationToken);
            var eventId = GoogleEventIds.For(desired.ClassId, generation.Generation);
            var (response, uncertain) = await TrySendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Post,
                api.Url($"{EventsPath(calendar.Id!)}?conferenceDataVersion=1&sendUpdates=none"))
            {
                Content = JsonContent.Create(Body(desired) with
                {
                    Id = eventId,
                    ConferenceData = NewConference(eventId, generation.ConferenceRequest),
                    ExtendedProperties = new EventProperties(new Dictionary<string, string> { ["junocalClassId"] = desired.ClassId.ToString() }),
                    Reminders = new EventReminders(false),
                }),
            }, cancellationToken);
            if (response?.IsSuccess == true && GoogleEvent.TryRead(response.Body) is { } made)
            {
                await ConferenceRequestedAsync(studioId, desired.ClassId, cancellationToken);
                return await ConcludeAsync(studioId, calendar.Id!, desired.ClassId, made, cancellationToken);
            }

            if (uncertain || response!.Status == HttpStatusCode.Conflict || (int)response.Status >= 500)
            {
                // Made or not? Only reading the event back tells.
                var read = await GetAsync(studioId, calendar.Id!, eventId, cancellationToken);
                if (read.Event is { IsCancelled: false } live)
                {
                    await ConferenceRequestedAsync(studioId, desired.ClassId, cancellationToken);
                    return await ConcludeAsync(studioId, calendar.Id!, desired.ClassId, live, cancellationToken);
                }

                if (read.Event is { IsCancelled: true })
                {
                    await NextGenerationAsync(studioId, desired.ClassId, cancellationToken);
                    continue;
                }

                // Not there (404) means the insert made nothing: the next try inserts the same id again.
                return read.Failure is { Outcome: not MeetingCallOutcome.NotFound } failed ? failed : new MeetingCallResult(MeetingCallOutcome.Transient,
                    Reason: uncertain ? "Google did not answer the event create; Junocal checks again." : response!.Describe());
            }

            if (response.Status == HttpStatusCode.NotFound)
            {
                await setup.CalendarGoneAsync(studioId, cancellationToken);
                return new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Junocal's Google calendar was deleted in Google; Junocal creates a new one.");
            }

            return Classify(response);
        }

        return new MeetingCallResult(MeetingCallOutcome.Rejected, Reason: "Google kept every event id of this class reserved.");
    }

    public async Task<MeetingCallResult> ReadAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(studioId, cancellationToken);
        if (calendar.Failure is { } failure)
        {
            return failure;
        }

        var read = await GetAsync(studioId, calendar.Id!, externalId, cancellationToken);
        return read.Event switch
        {
            { IsCancelled: true } => MeetingCallResult.NotFound,
            { } live => await ConcludeAsync(studioId, calendar.Id!, desired.ClassId, live, cancellationToken),
            _ => read.Failure!,
        };
    }

    public async Task<MeetingCallResult> UpdateAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(studioId, cancellationToken);
        if (calendar.Failure is { } failure)
        {
            return failure;
        }

        // PATCH leaves the conference alone (PUT would resend its read-only fields); Junocal sends its own emails.
        var (response, uncertain) = await TrySendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Patch,
            api.Url($"{EventsPath(calendar.Id!)}/{Uri.EscapeDataString(externalId)}?conferenceDataVersion=1&sendUpdates=none"))
        {
            Content = JsonContent.Create(Body(desired)),
        }, cancellationToken);
        if (uncertain)
        {
            return new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Google did not answer the event update; Junocal sends it again.");
        }

        if (response!.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden
            && !response.IsRateLimited && !response.IsQuotaExceeded)
        {
            // Google answers a patch of a deleted event 403: read it to tell a deleted event from a refusal.
            var read = await GetAsync(studioId, calendar.Id!, externalId, cancellationToken);
            if (read.Event is null or { IsCancelled: true } && read.Failure is null or { Outcome: MeetingCallOutcome.NotFound })
            {
                return MeetingCallResult.NotFound;
            }
        }

        if (!response.IsSuccess || GoogleEvent.TryRead(response.Body) is not { } updated)
        {
            return Classify(response);
        }

        await CheckConferenceKeptAsync(studioId, desired.ClassId, updated, cancellationToken);
        return updated.MeetLink is { } link
            ? MeetingCallResult.Made(new CreatedMeeting(externalId, link, null, null, null))
            : MeetingCallResult.Done;
    }

    public async Task<MeetingCallResult> DeleteAsync(Guid studioId, string externalId, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(studioId, cancellationToken, createIfMissing: false);
        if (calendar.Failure is { } failure)
        {
            return failure;
        }

        if (calendar.Id is null)
        {
            return MeetingCallResult.Done; // the calendar is gone, and its events with it
        }

        var (response, uncertain) = await TrySendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Delete,
            api.Url($"{EventsPath(calendar.Id)}/{Uri.EscapeDataString(externalId)}?sendUpdates=none")), cancellationToken);
        if (uncertain)
        {
            return new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Google did not answer the event delete; Junocal sends it again.");
        }

        // 410: deleted before; 404: never there or the calendar is gone. Either way there is nothing left to delete.
        return response!.IsSuccess || response.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone ? MeetingCallResult.Done : Classify(response);
    }

    /// <summary>The event as Google has it now: its link when the conference is ready, without it while pending; a failed or missing conference is asked for again.</summary>
    private async Task<MeetingCallResult> ConcludeAsync(Guid studioId, string calendarId, Guid classId, GoogleEvent live, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (live.ConferenceStatus == "success" && live.MeetLink is { } link)
        {
            await ConferenceReadyAsync(studioId, classId, live.ConferenceData?.ConferenceId, cancellationToken);
            return MeetingCallResult.Made(new CreatedMeeting(live.Id, link, null, null, null));
        }

        var generation = await GenerationAsync(studioId, classId, cancellationToken);
        var stuck = live.ConferenceStatus == "pending" && generation.ConferenceRequestedAt is { } requestedAt && now - requestedAt > options.CurrentValue.ConferencePendingLimit;
        if (live.ConferenceStatus == "pending" && !stuck)
        {
            return new MeetingCallResult(MeetingCallOutcome.Succeeded, new CreatedMeeting(live.Id, null, null, null, null), RetryAt: now + LinkPoll);
        }

        // Failed, pending for too long, or no conference at all (removed in Google): ask for a new one on the same event.
        var why = live.ConferenceStatus switch
        {
            "failure" => "Google could not create the Meet conference",
            "pending" => $"Google had not finished the Meet link after {options.CurrentValue.ConferencePendingLimit.TotalMinutes:0} minutes",
            _ => "The event had no Meet conference",
        };
        LogConferenceFailed(logger, studioId, live.ConferenceStatus ?? "none");
        var request = await AskConferenceAgainAsync(studioId, classId, cancellationToken);
        var (response, uncertain) = await TrySendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Patch,
            api.Url($"{EventsPath(calendarId)}/{Uri.EscapeDataString(live.Id)}?conferenceDataVersion=1&sendUpdates=none"))
        {
            Content = JsonContent.Create(new ConferenceOnly(NewConference(live.Id, request))),
        }, cancellationToken);
        var asked = !uncertain && response!.IsSuccess;
        // The event exists: it travels with the failure, so a cancel meanwhile still deletes it.
        return new MeetingCallResult(MeetingCallOutcome.Transient, new CreatedMeeting(live.Id, null, null, null, null),
            Reason: $"{why}; Junocal {(asked ? "asked Google again" : "asks Google again")}.", RetryAt: now + LinkPoll);
    }

    private async Task<(string? Id, MeetingCallResult? Failure)> CalendarAsync(Guid studioId, CancellationToken cancellationToken, bool createIfMissing = true)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        switch (connection)
        {
            case null or { Status: GoogleConnectionStatus.Disconnecting }:
                return (null, new MeetingCallResult(MeetingCallOutcome.NotConnected));
            case { Status: GoogleConnectionStatus.ReconnectRequired }:
                return (null, new MeetingCallResult(MeetingCallOutcome.ReconnectRequired));
            case { MeetUnavailable: true }:
                return (null, new MeetingCallResult(MeetingCallOutcome.Rejected, Reason: connection.CalendarProblem));
            case { CalendarId: { } id }:
                return (id, null);
        }

        if (!createIfMissing)
        {
            return (null, null);
        }

        return await setup.EnsureAsync(studioId, cancellationToken) is { } created
            ? (created, null)
            : (null, new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Junocal's Google calendar is not ready yet."));
    }

    private async Task<(GoogleEvent? Event, MeetingCallResult? Failure)> GetAsync(Guid studioId, string calendarId, string eventId, CancellationToken cancellationToken)
    {
        var (response, uncertain) = await TrySendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Get,
            api.Url($"{EventsPath(calendarId)}/{Uri.EscapeDataString(eventId)}")), cancellationToken);
        if (uncertain)
        {
            return (null, new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Google did not answer; Junocal reads the event again."));
        }

        if (response!.IsSuccess && GoogleEvent.TryRead(response.Body) is { } read)
        {
            return (read, null);
        }

        return (null, response.Status == HttpStatusCode.NotFound ? MeetingCallResult.NotFound : Classify(response));
    }

    private async Task<(GoogleApiResponse? Response, bool Uncertain)> TrySendAsync(Guid studioId, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        try
        {
            var response = await api.SendAsync(studioId, build, cancellationToken);
            return (response, false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, true);
        }
    }

    private MeetingCallResult Classify(GoogleApiResponse response)
    {
        var now = clock.GetUtcNow();
        if (response.Access is { } access)
        {
            return access.State switch
            {
                GoogleAccessState.NotConnected => new MeetingCallResult(MeetingCallOutcome.NotConnected),
                GoogleAccessState.ReconnectRequired => new MeetingCallResult(MeetingCallOutcome.ReconnectRequired),
                _ => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: access.Error),
            };
        }

        var message = response.Describe();
        return response switch
        {
            { IsQuotaExceeded: true } => new MeetingCallResult(MeetingCallOutcome.DailyLimit, Reason: message, RetryAt: MeetingSync.NextUtcMidnight(now)),
            { IsRateLimited: true } => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message),
            { Status: HttpStatusCode.Unauthorized } => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message),
            { Status: HttpStatusCode.NotFound } => MeetingCallResult.NotFound,
            _ when (int)response.Status >= 500 => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message),
            _ => new MeetingCallResult(MeetingCallOutcome.Rejected, Reason: message),
        };
    }

    private async Task<GoogleClassEvent> GenerationAsync(Guid studioId, Guid classId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        if (await db.GoogleClassEvents.AsNoTracking().SingleOrDefaultAsync(e => e.ClassSessionId == classId, cancellationToken) is { } row)
        {
            return row;
        }

        var first = GoogleClassEvent.First(studioId, classId);
        db.GoogleClassEvents.Add(first);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another sync of the class added it at the same moment.
            await using var fresh = contexts.CreateDbContext(studioId);
            return await fresh.GoogleClassEvents.AsNoTracking().SingleAsync(e => e.ClassSessionId == classId, cancellationToken);
        }

        return first;
    }

    private Task NextGenerationAsync(Guid studioId, Guid classId, CancellationToken cancellationToken) =>
        ChangeAsync(studioId, classId, row => row.NextGeneration(), cancellationToken);

    private Task ConferenceRequestedAsync(Guid studioId, Guid classId, CancellationToken cancellationToken) =>
        ChangeAsync(studioId, classId, row => row.ConferenceRequested(clock.GetUtcNow()), cancellationToken);

    private Task ConferenceReadyAsync(Guid studioId, Guid classId, string? conferenceId, CancellationToken cancellationToken) =>
        conferenceId is null ? Task.CompletedTask : ChangeAsync(studioId, classId, row => row.ConferenceReady(conferenceId), cancellationToken);

    private async Task<int> AskConferenceAgainAsync(Guid studioId, Guid classId, CancellationToken cancellationToken)
    {
        var request = 0;
        await ChangeAsync(studioId, classId, row =>
        {
            row.ConferenceAskedAgain(clock.GetUtcNow());
            request = row.ConferenceRequest;
        }, cancellationToken);
        return request;
    }

    /// <summary>The link must survive every update (docs/google-meet.md, "Reschedule"); a different conference is logged and recorded.</summary>
    private async Task CheckConferenceKeptAsync(Guid studioId, Guid classId, GoogleEvent updated, CancellationToken cancellationToken)
    {
        var known = (await GenerationAsync(studioId, classId, cancellationToken)).ConferenceId;
        if (updated.ConferenceData?.ConferenceId is { } now && known is not null && now != known)
        {
            LogLinkChanged(logger, studioId, classId);
        }

        await ConferenceReadyAsync(studioId, classId, updated.ConferenceData?.ConferenceId, cancellationToken);
    }

    private async Task ChangeAsync(Guid studioId, Guid classId, Action<GoogleClassEvent> change, CancellationToken cancellationToken)
    {
        await GenerationAsync(studioId, classId, cancellationToken);
        await using var db = contexts.CreateDbContext(studioId);
        var row = await db.GoogleClassEvents.SingleAsync(e => e.ClassSessionId == classId, cancellationToken);
        change(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string EventsPath(string calendarId) => $"calendars/{Uri.EscapeDataString(calendarId)}/events";

    private static EventConference NewConference(string eventId, int request) =>
        new(new ConferenceCreateRequest(GoogleEventIds.ConferenceRequestId(eventId, request), new ConferenceSolutionKey(GoogleCalendarSetup.MeetSolution)));

    private static EventBody Body(DesiredMeeting desired)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(desired.TimeZoneId);
        var end = desired.LocalStart.AddMinutes(desired.DurationMinutes);
        return new EventBody(desired.Topic, desired.Agenda, When(desired.LocalStart), When(end));

        // Both an offset and the IANA zone, as Google recommends for a timed event.
        EventTime When(DateTime local) => new(
            new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            desired.TimeZoneId);
    }

    private sealed record EventBody(
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("start")] EventTime Start,
        [property: JsonPropertyName("end")] EventTime End)
    {
        [JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Id { get; init; }

        [JsonPropertyName("conferenceData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EventConference? ConferenceData { get; init; }

        [JsonPropertyName("extendedProperties"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EventProperties? ExtendedProperties { get; init; }

        [JsonPropertyName("reminders"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EventReminders? Reminders { get; init; }
    }

    private sealed record EventTime(
        [property: JsonPropertyName("dateTime")] string DateTime,
        [property: JsonPropertyName("timeZone")] string TimeZone);

    private sealed record EventConference([property: JsonPropertyName("createRequest")] ConferenceCreateRequest CreateRequest);

    private sealed record ConferenceOnly([property: JsonPropertyName("conferenceData")] EventConference ConferenceData);

    private sealed record ConferenceCreateRequest(
        [property: JsonPropertyName("requestId")] string RequestId,
        [property: JsonPropertyName("conferenceSolutionKey")] ConferenceSolutionKey ConferenceSolutionKey);

    private sealed record ConferenceSolutionKey([property: JsonPropertyName("type")] string Type);

    private sealed record EventProperties([property: JsonPropertyName("private")] Dictionary<string, string> Private);

    private sealed record EventReminders([property: JsonPropertyName("useDefault")] bool UseDefault);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.LinkChanged, Level = LogLevel.Warning, Message = "Google changed the Meet conference of class {ClassId} (studio {StudioId}) on an update")]
    private static partial void LogLinkChanged(ILogger logger, Guid studioId, Guid classId);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.ConferenceFailed, Level = LogLevel.Warning, Message = "The Meet conference of an event of studio {StudioId} is {Status}; asking Google again")]
    private static partial void LogConferenceFailed(ILogger logger, Guid studioId, string status);
}
