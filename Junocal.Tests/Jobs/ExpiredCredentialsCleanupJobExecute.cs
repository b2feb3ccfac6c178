using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Jobs;

public class ExpiredCredentialsCleanupJobExecute(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task DeletesExpiredAccessTokensAndAbandonedAuthorizationsOnly()
    {
        await ZoomFlow.ConnectOwnerAsync(App);

        var contexts = App.Services.GetRequiredService<SystemDbContextFactory>();
        await using (var db = contexts.CreateDbContext())
        {
            Assert.Equal(1, await db.ZoomAccessTokens.CountAsync());
        }

        var job = new ExpiredCredentialsCleanupJob(contexts, TimeProvider.System);
        await job.Execute(null!, CancellationToken.None);
        await using (var db = contexts.CreateDbContext())
        {
            Assert.Equal(1, await db.ZoomAccessTokens.CountAsync()); // still valid: kept
            await db.ZoomAccessTokens.ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        await job.Execute(null!, CancellationToken.None);

        await using (var db = contexts.CreateDbContext())
        {
            Assert.Equal(0, await db.ZoomAccessTokens.CountAsync());
            Assert.Equal(1, await db.ZoomConnections.CountAsync()); // the connection and its refresh token stay
        }
    }
}
