using Junocal.Domain.People;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Security;

/// <summary>The studio a person acts in right now, and the membership that lets them.</summary>
public sealed record ActiveMembership(Guid StudioId, string StudioName, string StudioSlug, string Role, Guid PersonId);

/// <summary>A studio the person belongs to, for the studio chooser.</summary>
public sealed record StudioChoice(Guid StudioId, string StudioName, string Role, bool IsActive);

/// <summary>
/// The one rule for which studio an account acts in: the studio it last chose (<see cref="JunocalUser.ActiveStudioId"/>)
/// while its membership there is active, otherwise its only active membership, otherwise none (the person chooses).
/// The sign-in cookie is made from it, and every request and circuit is checked against it.
/// </summary>
public sealed class ActiveStudios(SystemDbContextFactory contexts)
{
    public async Task<(ActiveMembership? Active, int Count)> ResolveAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var chosen = await db.Users.Where(u => u.Id == userId).Select(u => u.ActiveStudioId).SingleOrDefaultAsync(cancellationToken);
        var memberships = await db.Memberships
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Join(db.Studios, m => m.StudioId, s => s.Id, (m, s) => new ActiveMembership(s.Id, s.Name, s.Slug, m.Role, m.PersonId))
            .ToListAsync(cancellationToken);
        var active = memberships.FirstOrDefault(m => m.StudioId == chosen) ?? (memberships.Count == 1 ? memberships[0] : null);
        return (active, memberships.Count);
    }

    /// <summary>
    /// Whether a principal made for <paramref name="studioId"/> with <paramref name="role"/> still matches the account:
    /// a switch of studio, a role change or a deactivation elsewhere makes it false at once. A principal without a
    /// studio (<see cref="Guid.Empty"/>) is current while the account has no studio to act in.
    /// </summary>
    public bool IsCurrent(string userId, Guid studioId, string? role)
    {
        using var db = contexts.CreateDbContext();
        var chosen = db.Users.Where(u => u.Id == userId).Select(u => u.ActiveStudioId).SingleOrDefault();
        var memberships = db.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => new { m.StudioId, m.Role }).ToList();
        var current = memberships.FirstOrDefault(m => m.StudioId == chosen) ?? (memberships.Count == 1 ? memberships[0] : null);
        return current is null
            ? studioId == Guid.Empty
            : current.StudioId == studioId && current.Role == role;
    }

    public async Task<IReadOnlyList<StudioChoice>> ChoicesAsync(string userId, CancellationToken cancellationToken)
    {
        var (active, _) = await ResolveAsync(userId, cancellationToken);
        await using var db = contexts.CreateDbContext();
        return await db.Memberships
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Join(db.Studios, m => m.StudioId, s => s.Id, (m, s) => new { s.Id, s.Name, m.Role })
            .OrderBy(c => c.Name)
            .Select(c => new StudioChoice(c.Id, c.Name, c.Role, active != null && c.Id == active.StudioId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The account's studio other than <paramref name="activeStudioId"/> that holds <paramref name="classId"/>, where it
    /// works as staff: a link (an owner's alert email, say) opened while another studio is active. Null when none.
    /// </summary>
    public async Task<StudioChoice?> OtherStudioOfClassAsync(string userId, Guid activeStudioId, Guid classId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ClassSessions.Where(c => c.Id == classId && c.StudioId != activeStudioId)
            .Join(db.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active && m.Role != Roles.Client),
                c => c.StudioId, m => m.StudioId, (c, m) => m)
            .Join(db.Studios, m => m.StudioId, s => s.Id, (m, s) => new StudioChoice(s.Id, s.Name, m.Role, false))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Makes <paramref name="studioId"/> the account's active studio; false when it has no active membership there.</summary>
    public async Task<bool> ChooseAsync(string userId, Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.StudioId == studioId && m.Status == MembershipStatus.Active, cancellationToken))
        {
            return false;
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.ActiveStudioId = studioId;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
