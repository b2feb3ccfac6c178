using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

/// <summary>
/// The factory features use: every context it makes sees only the signed-in user's studio.
/// Anonymous callers get a context that sees no studio data at all.
/// </summary>
internal sealed class StudioScopedDbContextFactory(SystemDbContextFactory contexts, CurrentUser user)
    : IDbContextFactory<JunocalDbContext>
{
    public JunocalDbContext CreateDbContext() => contexts.CreateDbContext(user.StudioIdOrEmpty);
}
