using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>
/// Deletes access-token rows once their token has expired and "Connect Zoom" / "Connect Google" attempts nobody finished, so no
/// credential outlives its use (the help page: access tokens live "in short-lived rows that expire after an hour").
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ExpiredCredentialsCleanupJob(SystemDbContextFactory contexts, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("expired-credentials-cleanup", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.CreateDbContext();
        await db.ZoomAccessTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.ZoomAuthorizationRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.GoogleAccessTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.GoogleAuthorizationRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
