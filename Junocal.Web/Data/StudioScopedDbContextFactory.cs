using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

/// <summary>
/// The factory features use: every context it makes sees only the signed-in person's active studio.
/// Anonymous callers get a context that sees no studio data at all.
/// </summary>
/// <remarks>
/// A circuit keeps the principal it opened with. Before handing out a context for a studio, the factory checks that
/// the principal still matches the account (same active studio, same role, membership active), so a circuit opened
/// before a studio switch, a role change or a deactivation can neither read nor change anything.
/// </remarks>
internal sealed class StudioScopedDbContextFactory(SystemDbContextFactory contexts, CurrentUser user, ActiveStudios activeStudios)
    : IDbContextFactory<JunocalDbContext>
{
    public JunocalDbContext CreateDbContext()
    {
        var studioId = user.StudioIdOrEmpty;
        if (studioId != Guid.Empty && !user.IsCheckedForThisRequest && !activeStudios.IsCurrent(user.UserId, studioId, user.Role))
        {
            throw new UnauthorizedAccessException("Your studio or role changed since this page opened. Reload the page.");
        }

        return contexts.CreateDbContext(studioId);
    }
}
