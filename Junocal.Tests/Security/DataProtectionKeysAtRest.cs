using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Security;

/// <summary>The keys behind sign-in cookies are stored only encrypted with the token vault's key, which is not in the database.</summary>
public class DataProtectionKeysAtRest(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task StoresNoKeyMaterialInClear()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await owner.GetAsync("/schedule")).StatusCode);

        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("vaultEncryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
