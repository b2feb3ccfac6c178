using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Studios;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Studios;

/// <summary>What "Create your studio" asks for.</summary>
public sealed class StudioSignupForm
{
    public string StudioName { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>
/// Creates a studio with its owner: the studio (with a free slug), the owner as staff, the owner's account
/// (unconfirmed) and membership, an audit entry and the confirmation email — in one transaction.
/// </summary>
public sealed class StudioSignup(AccountService accounts, SystemDbContextFactory contexts, TimeProvider clock)
{
    public const string StudioNameField = nameof(StudioSignupForm.StudioName);
    public const string TimeZoneField = nameof(StudioSignupForm.TimeZoneId);
    public const string OwnerNameField = nameof(StudioSignupForm.OwnerName);

    /// <summary>Where the owner lands once their email is confirmed: the schedule, with the first-steps checklist.</summary>
    public const string FirstPage = "/schedule";

    public async Task<AccountResult> CreateAsync(StudioSignupForm form, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var name = form.StudioName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[StudioNameField] = "Enter the studio's name.";
        }
        else if (name.Length > Studio.MaxNameLength)
        {
            errors[StudioNameField] = $"The studio's name must be at most {Studio.MaxNameLength} characters.";
        }

        var zone = form.TimeZoneId?.Trim() ?? "";
        if (zone.Length == 0)
        {
            errors[TimeZoneField] = "Choose the studio's time zone.";
        }
        else if (!IsKnownZone(zone))
        {
            errors[TimeZoneField] = $"\"{zone}\" is not a time zone Junocal knows. Pick one from the list, e.g. Europe/London.";
        }

        var ownerName = form.OwnerName?.Trim() ?? "";
        var account = new NewAccount(ownerName, form.Email ?? "", form.Password ?? "");
        foreach (var (field, message) in await accounts.ValidateAsync(account))
        {
            errors.TryAdd(field == AccountService.DisplayNameField ? OwnerNameField : field, message);
        }

        if (errors.Count > 0)
        {
            return AccountResult.Invalid(errors);
        }

        var studio = Studio.Create(name, zone);
        var slug = await FreeSlugAsync(studio.Slug, cancellationToken);
        studio = Studio.Create(studio.Name, studio.TimeZoneId, slug);
        var created = await accounts.CreateAsync(account, studio.Id, FirstPage,
            (db, user) =>
            {
                var owner = StaffMember.Create(studio.Id, ownerName, user.Email!, Roles.Owner);
                db.Studios.Add(studio);
                db.StaffMembers.Add(owner);
                db.Memberships.Add(Membership.Create(studio.Id, user.Id, Roles.Owner, owner.Id, clock.GetUtcNow()));
                db.AuditEntries.Add(AuditEntry.Record(studio.Id, clock.GetUtcNow(), user.Email!, "studio.created",
                    $"Studio \"{studio.Name}\" created by {ownerName}; its booking page is /s/{studio.Slug}."));
                user.ActiveStudioId = studio.Id;
                return Task.FromResult<IReadOnlyDictionary<string, string>?>(null);
            },
            cancellationToken);
        return created.Succeeded || !created.Errors.ContainsKey(AccountService.DisplayNameField)
            ? created
            : AccountResult.Invalid(created.Errors.ToDictionary(e => e.Key == AccountService.DisplayNameField ? OwnerNameField : e.Key, e => e.Value));
    }

    /// <summary>The slug itself when free, else the first free "slug-2", "slug-3", ….</summary>
    public async Task<string> FreeSlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var taken = await db.Studios.Where(s => s.Slug == slug || s.Slug.StartsWith(slug + "-")).Select(s => s.Slug).ToListAsync(cancellationToken);
        if (!taken.Contains(slug))
        {
            return slug;
        }

        var attempt = 2;
        while (taken.Contains(StudioSlug.WithSuffix(slug, attempt)))
        {
            attempt++;
        }

        return StudioSlug.WithSuffix(slug, attempt);
    }

    /// <summary>The zones a studio may pick: IANA ids this server knows, for the searchable list.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    private static bool IsKnownZone(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _);

}
