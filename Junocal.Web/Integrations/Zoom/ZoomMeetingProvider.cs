using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Zoom as a meeting provider: the studio's connection status for the Location picker, and Zoom's meetings API for
/// the sync — create (<c>POST /users/me/meetings</c>), update (<c>PATCH /meetings/{id}</c>) and delete
/// (<c>DELETE /meetings/{id}</c>), each answer classified for retrying (docs/zoom.md, "Meetings" and "Errors and limits").
/// </summary>
public sealed class ZoomMeetingProvider(ZoomApiClient api, SystemDbContextFactory contexts, TimeProvider clock, IOptionsMonitor<ZoomOptions> options)
    : IMeetingProvider
{
    public LocationKind Kind => LocationKind.Zoom;

    public string DisplayName => "Zoom";

    /// <summary>Zoom's per-user limit of meeting creates and updates a day (docs/zoom.md, "Errors and limits").</summary>
    public int? DailyChangeLimit => options.CurrentValue.DailyMeetingChangeLimit;

    public async Task<MeetingProviderStatus> GetStatusAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var status = await db.ZoomConnections.Select(c => (ZoomConnectionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        return status switch
        {
            ZoomConnectionStatus.Connected => MeetingProviderStatus.Connected(Kind),
            ZoomConnectionStatus.ReconnectRequired => MeetingProviderStatus.ReconnectRequired(Kind),
            _ => MeetingProviderStatus.NotConnected(Kind),
        };
    }

    public async Task<MeetingCallResult> CreateAsync(Guid studioId, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var result = await CreateAsync(studioId, Body(desired), cancellationToken);
        if (result.Created?.HostEmail is { Length: > 0 } hostEmail)
        {
            await LearnEmailAsync(studioId, hostEmail, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The meeting <see cref="ZoomConnectionCheck"/> creates to learn the connected email, deleted at once: clearly
    /// named, on UTC, starting now, for a quarter of an hour.
    /// </summary>
    public Task<MeetingCallResult> CreateConnectionCheckAsync(Guid studioId, CancellationToken cancellationToken) =>
        CreateAsync(studioId, new MeetingBody(
            ZoomConnectionCheck.Topic,
            2,
            clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            15,
            "UTC",
            ZoomConnectionCheck.Agenda,
            new MeetingSettings(WaitingRoom: true, MuteUponEntry: true, JoinBeforeHost: false)), cancellationToken);

    private async Task<MeetingCallResult> CreateAsync(Guid studioId, MeetingBody body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Post, api.Url("users/me/meetings"))
        {
            Content = JsonContent.Create(body),
        }, cancellationToken, countsTowardDailyLimit: true);
        if (response.Outcome is { } failure)
        {
            return failure;
        }

        var created = JsonSerializer.Deserialize<CreateResponse>(response.Api!.Body);
        if (created is not { Id: > 0, JoinUrl.Length: > 0 })
        {
            return new MeetingCallResult(MeetingCallOutcome.Transient, Reason: "Zoom answered the create without a meeting.");
        }

        return MeetingCallResult.Made(new CreatedMeeting(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            created.JoinUrl, created.Password, created.HostEmail, created.HostId));
    }

    public async Task<MeetingCallResult> UpdateAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var response = await SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Patch, api.Url($"meetings/{Uri.EscapeDataString(externalId)}"))
        {
            Content = JsonContent.Create(Body(desired)),
        }, cancellationToken, countsTowardDailyLimit: true);
        return response.Outcome ?? MeetingCallResult.Done;
    }

    public async Task<MeetingCallResult> DeleteAsync(Guid studioId, string externalId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Delete, api.Url($"meetings/{Uri.EscapeDataString(externalId)}")), cancellationToken);
        return response.Outcome ?? MeetingCallResult.Done;
    }

    /// <summary>
    /// With only the three meeting scopes Zoom never says the connected email at connect time (docs/zoom.md, "Scopes");
    /// the first meeting's <c>host_email</c> does, and "Connected as" can then name it.
    /// </summary>
    private async Task LearnEmailAsync(Guid studioId, string hostEmail, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.ZoomConnections.SingleOrDefaultAsync(c => c.ZoomEmail == null, cancellationToken);
        if (connection is null)
        {
            return;
        }

        connection.LearnEmail(hostEmail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A refresh changed the row at the same moment; the next meeting teaches the email again.
        }
    }

    private static MeetingBody Body(DesiredMeeting desired) => new(
        desired.Topic,
        2,
        // Local wall time without "Z" plus the IANA zone: Zoom keeps the meeting at that wall time (docs/zoom.md, "Meetings").
        desired.LocalStart.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        desired.DurationMinutes,
        desired.TimeZoneId,
        desired.Agenda,
        new MeetingSettings(WaitingRoom: true, MuteUponEntry: true, JoinBeforeHost: true));

    private async Task<(MeetingCallResult? Outcome, ZoomApiResponse? Api)> SendAsync(Guid studioId, Func<HttpRequestMessage> build,
        CancellationToken cancellationToken, bool countsTowardDailyLimit = false)
    {
        ZoomApiResponse response;
        try
        {
            response = await api.SendAsync(studioId, build, cancellationToken, countsTowardDailyLimit);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (new MeetingCallResult(MeetingCallOutcome.Transient, Reason: ex is TaskCanceledException
                ? "Zoom did not answer in time." : "The connection to Zoom failed.", Unanswered: true), null);
        }

        return (Classify(response), response);
    }

    private MeetingCallResult? Classify(ZoomApiResponse response)
    {
        if (response.Access is { } access)
        {
            return access.State switch
            {
                ZoomAccessState.NotConnected => new MeetingCallResult(MeetingCallOutcome.NotConnected),
                ZoomAccessState.ReconnectRequired => new MeetingCallResult(MeetingCallOutcome.ReconnectRequired),
                _ => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: access.Error),
            };
        }

        if (response.IsSuccess)
        {
            return null;
        }

        var status = (int)response.Status;
        var message = response.Error?.Message ?? $"Zoom answered {status}.";
        return response.Status switch
        {
            _ when response.Status == HttpStatusCode.NotFound || response.Error?.Code == ZoomError.MeetingNotFound => MeetingCallResult.NotFound,
            _ when response.IsDailyLimit =>
                new MeetingCallResult(MeetingCallOutcome.DailyLimit, Reason: message, RetryAt: response.RetryAt(clock.GetUtcNow()) ?? MeetingSync.NextUtcMidnight(clock.GetUtcNow())),
            HttpStatusCode.TooManyRequests => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message, RetryAt: response.RetryAt(clock.GetUtcNow())),
            HttpStatusCode.Unauthorized => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message),
            _ when status >= 500 => new MeetingCallResult(MeetingCallOutcome.Transient, Reason: message),
            _ => new MeetingCallResult(MeetingCallOutcome.Rejected, Reason: message),
        };
    }

    private sealed record MeetingBody(
        [property: JsonPropertyName("topic")] string Topic,
        [property: JsonPropertyName("type")] int Type,
        [property: JsonPropertyName("start_time")] string StartTime,
        [property: JsonPropertyName("duration")] int Duration,
        [property: JsonPropertyName("timezone")] string Timezone,
        [property: JsonPropertyName("agenda")] string Agenda,
        [property: JsonPropertyName("settings")] MeetingSettings Settings);

    private sealed record MeetingSettings(
        [property: JsonPropertyName("waiting_room")] bool WaitingRoom,
        [property: JsonPropertyName("mute_upon_entry")] bool MuteUponEntry,
        [property: JsonPropertyName("join_before_host")] bool JoinBeforeHost);

    private sealed record CreateResponse(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("join_url")] string JoinUrl,
        [property: JsonPropertyName("password")] string? Password,
        [property: JsonPropertyName("host_email")] string? HostEmail,
        [property: JsonPropertyName("host_id")] string? HostId);
}
