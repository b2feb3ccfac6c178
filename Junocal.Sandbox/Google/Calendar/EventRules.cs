using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>Validation of event bodies and query parameters, as far as Google documents it (docs/google-sandbox.md).</summary>
internal static partial class EventRules
{
    /// <summary>Fields Google computes: a client's values for them are ignored.</summary>
    public static readonly HashSet<string> ReadOnlyFields = new(StringComparer.Ordinal)
    {
        "kind", "etag", "id", "status", "htmlLink", "created", "updated", "creator", "organizer", "iCalUID", "sequence",
        "hangoutLink", "conferenceData", "eventType",
    };

    private static readonly string[] SendUpdatesValues = ["all", "externalOnly", "none"];

    // base32hex lowercase, 5–1024 characters (Event.id in the Calendar v3 discovery document).
    [GeneratedRegex("^[a-v0-9]{5,1024}$", RegexOptions.CultureInvariant)]
    public static partial Regex EventId();

    [GeneratedRegex("(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();

    /// <summary><c>conferenceDataVersion</c> (0 or 1, default 0) and <c>sendUpdates</c>.</summary>
    public static (int Version, string? SendUpdates, IResult? Error) Query(HttpRequest request)
    {
        var version = 0;
        var raw = request.Query["conferenceDataVersion"].ToString();
        if (raw.Length > 0 && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version is < 0 or > 1))
        {
            return (0, null, GoogleErrors.Invalid("Invalid conference data version.", "conferenceDataVersion", "parameter"));
        }

        var sendUpdates = request.Query["sendUpdates"].ToString();
        if (sendUpdates.Length > 0 && !SendUpdatesValues.Contains(sendUpdates, StringComparer.Ordinal))
        {
            return (0, null, GoogleErrors.Invalid($"Invalid value for: {sendUpdates} is not a valid value", "sendUpdates", "parameter"));
        }

        return (version, sendUpdates.Length > 0 ? sendUpdates : null, null);
    }

    public static async Task<(JsonObject? Body, IResult? Error)> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is JsonObject body
                ? (body, null)
                : (null, GoogleErrors.ParseError());
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, GoogleErrors.ParseError());
        }
    }

    /// <summary>Start and end present, each a date or a date-time with an offset or a time zone, and end after start.</summary>
    public static IResult? CheckTimes(JsonObject fields)
    {
        if (fields["start"] is not JsonObject start)
        {
            return GoogleErrors.Required("Missing start time.");
        }

        if (fields["end"] is not JsonObject end)
        {
            return GoogleErrors.Required("Missing end time.");
        }

        var (from, startError) = Instant(start, "start");
        if (startError is not null)
        {
            return startError;
        }

        var (to, endError) = Instant(end, "end");
        if (endError is not null)
        {
            return endError;
        }

        // The reason for an empty range on insert is UNSOURCED; timeRangeEmpty is documented for list ranges.
        return to <= from ? GoogleErrors.Error(400, "calendar", "timeRangeEmpty", "The specified time range is empty.") : null;
    }

    /// <summary>The instant an EventDateTime stands for: a date is its UTC midnight.</summary>
    public static (DateTimeOffset Instant, IResult? Error) Instant(JsonObject time, string which)
    {
        var zoneName = time["timeZone"]?.GetValue<string>();
        TimeZoneInfo? zone = null;
        if (zoneName is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out zone))
        {
            return (default, GoogleErrors.Invalid($"Invalid time zone definition for {which} time."));
        }

        if (time["date"]?.GetValue<string>() is { } date)
        {
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null)
                : (default, GoogleErrors.Invalid($"Invalid {which} time."));
        }

        if (time["dateTime"]?.GetValue<string>() is not { } dateTime)
        {
            return (default, GoogleErrors.Required($"Missing {which} time."));
        }

        if (HasOffset().IsMatch(dateTime))
        {
            return DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                ? (instant, null)
                : (default, GoogleErrors.Invalid($"Invalid {which} time."));
        }

        if (zone is null)
        {
            return (default, GoogleErrors.Invalid($"Missing time zone definition for {which} time."));
        }

        if (!DateTime.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return (default, GoogleErrors.Invalid($"Invalid {which} time."));
        }

        var local = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return (new DateTimeOffset(local, zone.GetUtcOffset(local)), null);
    }

    /// <summary>The body's writable fields, for an insert, or merged over the stored ones for a patch.</summary>
    public static JsonObject Writable(JsonObject body, JsonObject? over = null)
    {
        var fields = over?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in body)
        {
            if (ReadOnlyFields.Contains(name))
            {
                continue;
            }

            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value.DeepClone();
            }
        }

        return fields;
    }
}
