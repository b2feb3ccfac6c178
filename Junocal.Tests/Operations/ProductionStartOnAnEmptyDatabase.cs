using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Security.Transport;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Operations;

/// <summary>A Production start on an empty database, without <c>Demo:Seed</c>: no demo studio, and a way in for a new one.</summary>
public sealed class ProductionStartOnAnEmptyDatabase : IAsyncLifetime
{
    private readonly JunocalApp _app = JunocalApp.With(BehindProxy.Production(("Demo:Seed", null)));

    public async ValueTask InitializeAsync()
    {
        await _app.Database.CreateAsync();
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SeedsNoDemoStudioAndTheSignInPageOffersCreateYourStudio()
    {
        using var client = _app.CreateProxiedClient();

        var login = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var signUp = await client.GetAsync("/Account/SignUp", TestContext.Current.CancellationToken);

        Assert.Contains("Create your studio", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        await using var db = _app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(0, await db.Studios.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Users.CountAsync(TestContext.Current.CancellationToken));
    }
}
