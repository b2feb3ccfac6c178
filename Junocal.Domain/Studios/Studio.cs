using Junocal.Domain.People;

namespace Junocal.Domain.Studios;

public sealed class Studio
{
    public const int MaxNameLength = 200;
    public const int MaxReminders = 4;
    public const int MaxReminderMinutes = 14 * 24 * 60;

    private Studio(Guid id, string name, string timeZoneId, string slug)
    {
        Id = id;
        Name = name;
        TimeZoneId = timeZoneId;
        Slug = slug;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>IANA zone id, e.g. Europe/London. Every time a person sees is in this zone.</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>The studio's short address, unique across Junocal: its public booking page is <c>/s/{Slug}</c>.</summary>
    public string Slug { get; private set; }

    /// <summary>The address clients are shown to reach the studio; none until the owner sets one.</summary>
    public string? ContactEmail { get; private set; }

    /// <summary>
    /// When reminders go out, in minutes before a class, as a comma-separated list ("1440,60"); empty means the
    /// deployment's defaults.
    /// </summary>
    public string? ReminderMinutesBefore { get; private set; }

    /// <summary>When the owner first copied or opened the booking page link (the last step of the first-steps checklist).</summary>
    public DateTimeOffset? BookingPageSharedAt { get; private set; }

    public StudioTimeZone TimeZone => new(TimeZoneId);

    /// <summary>The studio's own reminder times, longest first; empty when it uses the deployment's defaults.</summary>
    public IReadOnlyList<int> Reminders => ReadReminders(ReminderMinutesBefore);

    /// <summary>Reads <see cref="ReminderMinutesBefore"/> as stored, for queries that project the column alone.</summary>
    public static IReadOnlyList<int> ReadReminders(string? stored) =>
        string.IsNullOrWhiteSpace(stored)
            ? []
            : [.. stored.Split(',').Select(m => int.Parse(m, System.Globalization.CultureInfo.InvariantCulture))];

    public static Studio Create(string name, string timeZoneId, string? slug = null)
    {
        var trimmed = Text.Required(name, "Studio name", MaxNameLength);
        _ = new StudioTimeZone(timeZoneId);
        return new Studio(Guid.CreateVersion7(), trimmed, timeZoneId, slug is null ? StudioSlug.FromName(trimmed) : StudioSlug.Validate(slug));
    }

    public void Rename(string name) => Name = Text.Required(name, "Studio name", MaxNameLength);

    public void ChangeSlug(string slug) => Slug = StudioSlug.Validate(slug);

    /// <summary>Classes are stored as instants, so they keep their moment; their wall-clock time in the new zone changes.</summary>
    public void ChangeTimeZone(string timeZoneId) => TimeZoneId = new StudioTimeZone(timeZoneId).Id;

    public void ChangeContactEmail(string? email) =>
        ContactEmail = string.IsNullOrWhiteSpace(email) ? null : EmailAddress.Normalize(email);

    /// <summary>Sets the reminder times; an empty list goes back to the deployment's defaults.</summary>
    public void ChangeReminders(IEnumerable<int> minutesBefore)
    {
        var minutes = minutesBefore.Distinct().OrderDescending().ToList();
        if (minutes.Count > MaxReminders)
        {
            throw new DomainException($"At most {MaxReminders} reminders.");
        }

        if (minutes.Any(m => m <= 0 || m > MaxReminderMinutes))
        {
            throw new DomainException("Each reminder must be between 1 minute and 14 days before the class.");
        }

        ReminderMinutesBefore = minutes.Count == 0 ? null : string.Join(',', minutes);
    }

    public void MarkBookingPageShared(DateTimeOffset now) => BookingPageSharedAt ??= now;
}
