using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Studios;

/// <summary>
/// The owner's first steps, each done or not, as the schedule's checklist shows them. The video step is done once Zoom
/// or Google Meet is connected: either gives online classes their links.
/// </summary>
public sealed record FirstStepsState(bool HasInstructors, bool VideoConnected, bool HasClass, bool BookingPageShared, string BookingPageUrl)
{
    public bool AllDone => HasInstructors && VideoConnected && HasClass && BookingPageShared;
}

/// <summary>Reads the checklist from the studio's data; only sharing the booking page is ticked by the owner's own click.</summary>
public sealed class FirstSteps(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user, PublicLinks links, TimeProvider clock)
{
    /// <returns>Null for anyone but the owner.</returns>
    public async Task<FirstStepsState?> GetAsync(CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Owner))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studio = await db.Studios.Select(s => new { s.Slug, s.BookingPageSharedAt }).SingleAsync(cancellationToken);
        return new FirstStepsState(
            await db.StaffMembers.AnyAsync(s => s.Role == Roles.Instructor && s.DeactivatedAt == null, cancellationToken),
            await db.ZoomConnections.AnyAsync(cancellationToken) || await db.GoogleConnections.AnyAsync(cancellationToken),
            await db.ClassSessions.AnyAsync(cancellationToken),
            studio.BookingPageSharedAt is not null,
            links.For("/s/" + studio.Slug).AbsoluteUri);
    }

    public async Task MarkBookingPageSharedAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studio = await db.Studios.SingleAsync(cancellationToken);
        studio.MarkBookingPageShared(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
