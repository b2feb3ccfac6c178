using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Jobs;

public class ExpiredCredentialsCleanupJobExecute(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task DeletesExpiredAccessTokensAndAbandonedAuthorizationsOnly()
    {
        // Two "Connect Zoom" attempts nobody finished, then one that connected.
        using (var owner = await ZoomFlow.OpenAsync(App))
        {
            await ZoomFlow.StartAsync(owner);
            await ZoomFlow.StartAsync(owner);
        }

        await ZoomFlow.ConnectOwnerAsync(App);
        var contexts = App.Services.GetRequiredService<SystemDbContextFactory>();
        string abandoned;
        await using (var db = contexts.CreateDbContext())
        {
            var pending = await db.ZoomAuthorizationRequests.Select(r => r.StateHash).ToListAsync();
            Assert.Equal(2, pending.Count);
            abandoned = pending[0];
            await db.ZoomAuthorizationRequests.Where(r => r.StateHash == abandoned)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var job = new ExpiredCredentialsCleanupJob(contexts, clock);
        await job.Execute(null!, CancellationToken.None);

        await using (var db = contexts.CreateDbContext())
        {
            Assert.Equal(1, await db.ZoomAccessTokens.CountAsync()); // still valid: kept
            var left = Assert.Single(await db.ZoomAuthorizationRequests.Select(r => r.StateHash).ToListAsync());
            Assert.NotEqual(abandoned, left); // the one still within its lifetime stays
        }

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // past the access token's hour
        await job.Execute(null!, CancellationToken.None);

        await using (var db = contexts.CreateDbContext())
        {
            Assert.Equal(0, await db.ZoomAccessTokens.CountAsync());
            Assert.Equal(0, await db.ZoomAuthorizationRequests.CountAsync());
            Assert.Equal(1, await db.ZoomConnections.CountAsync()); // the connection and its refresh token stay
        }
    }
}
