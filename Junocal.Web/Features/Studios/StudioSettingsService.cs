using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Features.PublicBooking;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Studios;

/// <summary>The studio's details as the settings form edits them; reminders as text such as "24h, 1h".</summary>
public sealed class StudioSettingsForm
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
    public string? ContactEmail { get; set; }
    public string Reminders { get; set; } = "";
}

/// <summary>One upcoming class as it reads in the studio's zone now and as it will read in the new one.</summary>
public sealed record ZoneChangeExample(string ClassName, string Now, string After);

/// <summary>What a change of zone does, shown before it is saved: every upcoming class keeps its moment, its clock time moves.</summary>
public sealed record ZoneChangePreview(string FromZone, string ToZone, int UpcomingClasses, IReadOnlyList<ZoneChangeExample> Examples);

/// <summary>Studio settings (Owner): name, booking page address, time zone, contact email, reminder times.</summary>
public sealed class StudioSettingsService(
    IDbContextFactory<JunocalDbContext> contexts,
    SystemDbContextFactory allStudios,
    CurrentUser user,
    ReminderPlanner reminders,
    IOutputCacheStore publicPages,
    TimeProvider clock)
{
    public const int PreviewExamples = 5;

    public async Task<StudioSettingsForm> GetAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studio = await db.Studios.SingleAsync(cancellationToken);
        return new StudioSettingsForm
        {
            Name = studio.Name,
            Slug = studio.Slug,
            TimeZoneId = studio.TimeZoneId,
            ContactEmail = studio.ContactEmail,
            Reminders = ReminderText.Format(reminders.RemindersFor(studio.ReminderMinutesBefore)),
        };
    }

    /// <returns>Null when <paramref name="newZoneId"/> is not a zone the studio can use (the save says why).</returns>
    public async Task<ZoneChangePreview?> PreviewZoneChangeAsync(string newZoneId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        if (KnownZone(newZoneId) is not { } zoneId)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studio = await db.Studios.SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var upcoming = db.ClassSessions.Where(c => c.Status == ClassStatus.Scheduled && c.StartsAt > now);
        var count = await upcoming.CountAsync(cancellationToken);
        var first = await upcoming.OrderBy(c => c.StartsAt).Take(PreviewExamples).Select(c => new { c.Name, c.StartsAt }).ToListAsync(cancellationToken);
        var from = studio.TimeZone;
        var to = new StudioTimeZone(zoneId);
        return new ZoneChangePreview(studio.TimeZoneId, zoneId, count, [.. first.Select(c => new ZoneChangeExample(
            c.Name, StudioTime.DateTime(from.ToLocal(c.StartsAt)), StudioTime.DateTime(to.ToLocal(c.StartsAt))))]);
    }

    /// <summary>Saves every field or none: each refusal is named beside its field.</summary>
    public async Task<CommandResult> SaveAsync(StudioSettingsForm form, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studio = await db.Studios.SingleAsync(cancellationToken);
        var before = Snapshot.Of(studio);

        errors.Check(nameof(form.Name), () => { studio.Rename(form.Name); return true; });
        var slug = errors.Check(nameof(form.Slug), () => StudioSlug.Validate(form.Slug));
        if (slug is not null && slug != before.Slug && await SlugTakenAsync(slug, studio.Id, cancellationToken))
        {
            errors.Add(nameof(form.Slug), SlugTaken(slug));
        }
        else if (slug is not null)
        {
            studio.ChangeSlug(slug);
        }

        if (KnownZone(form.TimeZoneId) is { } zoneId)
        {
            studio.ChangeTimeZone(zoneId);
        }
        else
        {
            errors.Add(nameof(form.TimeZoneId), $"\"{form.TimeZoneId?.Trim()}\" is not a time zone. Pick one from the list, such as Europe/London.");
        }

        errors.Check(nameof(form.ContactEmail), () => { studio.ChangeContactEmail(form.ContactEmail); return true; });
        var wanted = ReminderText.Parse(form.Reminders, out var reminderError);
        if (wanted is null)
        {
            errors.Add(nameof(form.Reminders), reminderError!);
        }
        else if (!wanted.SequenceEqual(reminders.RemindersFor(before.Reminders)))
        {
            errors.Check(nameof(form.Reminders), () => { studio.ChangeReminders(wanted); return true; });
        }

        if (errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        var changes = before.ChangesTo(studio);
        if (changes.Count == 0)
        {
            return CommandResult.Success;
        }

        if (studio.ReminderMinutesBefore != before.Reminders)
        {
            await ReminderPlanner.DropUnsentRemindersNotAtAsync(db, reminders.RemindersFor(studio.ReminderMinutesBefore), cancellationToken);
        }

        db.AuditEntries.Add(AuditEntry.Record(studio.Id, clock.GetUtcNow(), user.Email, "studio.settings_changed", string.Join("; ", changes)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (slug is not null && slug != before.Slug)
        {
            // Another studio took the address between the check and the save, and the unique index refused it.
            if (await SlugTakenAsync(slug, studio.Id, CancellationToken.None))
            {
                return CommandResult.Invalid(new Dictionary<string, string> { [nameof(form.Slug)] = SlugTaken(slug) });
            }

            throw;
        }

        // The public page shows the name, zone and contact, and lives at the address: no visitor may see the old ones.
        await publicPages.EvictByTagAsync(PublicBookingModule.CacheTag, CancellationToken.None);
        return CommandResult.Success;
    }

    /// <summary>The zone id as the studio will store it, when it is one of the IANA zones offered in the list.</summary>
    private static string? KnownZone(string? zoneId)
    {
        var trimmed = zoneId?.Trim() ?? "";
        return StudioSignup.TimeZones.Contains(trimmed, StringComparer.Ordinal) ? trimmed : null;
    }

    private static string SlugTaken(string slug) => $"/s/{slug} is another studio's address. Choose a different one.";

    private async Task<bool> SlugTakenAsync(string slug, Guid studioId, CancellationToken cancellationToken)
    {
        // Addresses are unique across studios, so this one question looks past the studio filter; it answers yes or no only.
        await using var db = allStudios.CreateDbContext();
        return await db.Studios.AnyAsync(s => s.Slug == slug && s.Id != studioId, cancellationToken);
    }

    private sealed record Snapshot(string Name, string Slug, string Zone, string? Contact, string? Reminders)
    {
        public static Snapshot Of(Studio studio) => new(studio.Name, studio.Slug, studio.TimeZoneId, studio.ContactEmail, studio.ReminderMinutesBefore);

        public List<string> ChangesTo(Studio after)
        {
            var changes = new List<string>();
            if (Name != after.Name) changes.Add($"name \"{Name}\" → \"{after.Name}\"");
            if (Slug != after.Slug) changes.Add($"booking page /s/{Slug} → /s/{after.Slug}");
            if (Zone != after.TimeZoneId) changes.Add($"time zone {Zone} → {after.TimeZoneId} (classes keep their moment)");
            if (Contact != after.ContactEmail) changes.Add($"contact email {Contact ?? "none"} → {after.ContactEmail ?? "none"}");
            if (Reminders != after.ReminderMinutesBefore)
            {
                changes.Add($"reminders {Describe(Reminders)} → {Describe(after.ReminderMinutesBefore)}");
            }

            return changes;
        }

        private static string Describe(string? reminders) =>
            Studio.ReadReminders(reminders) is { Count: > 0 } own ? ReminderText.Format(own) : "the defaults";
    }
}

/// <summary>Reminder times as an owner writes them: "24h, 1h", "90m", "2d", or plain minutes ("60").</summary>
public static class ReminderText
{
    public static string Format(IEnumerable<int> minutes) => string.Join(", ", minutes.Select(m =>
        m % 60 != 0 ? $"{m}m" : m <= 48 * 60 || m % (24 * 60) != 0 ? $"{m / 60}h" : $"{m / (24 * 60)}d"));

    /// <returns>The minutes, longest first; null with <paramref name="error"/> when a part is not a time.</returns>
    public static IReadOnlyList<int>? Parse(string? text, out string? error)
    {
        var minutes = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var compact = part.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            var unit = compact.TrimStart("0123456789".ToCharArray());
            var number = compact[..^unit.Length];
            int? factor = unit switch
            {
                "" or "m" or "min" or "mins" or "minute" or "minutes" => 1,
                "h" or "hr" or "hrs" or "hour" or "hours" => 60,
                "d" or "day" or "days" => 24 * 60,
                _ => null,
            };
            if (factor is null || number.Length is 0 or > 6)
            {
                error = $"\"{part}\" is not a time before the class. Write e.g. 24h, 1h or 30m.";
                return null;
            }

            minutes.Add(int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) * factor.Value);
        }

        error = null;
        return [.. minutes.Distinct().OrderDescending()];
    }
}
