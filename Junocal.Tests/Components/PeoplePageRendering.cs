using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Components;

/// <summary>The People page over the real services and database, as the owner uses it.</summary>
[Collection(SharedAppHost.Name)]
public class PeoplePageRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    [Fact]
    public async Task ADeactivatedMemberIsReactivatedWithOneClick()
    {
        var scope = await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(PeopleService));
        Guid samId;
        await using (var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            samId = await db.StaffMembers.Where(s => s.Email == DemoSeeder.FrontDeskEmail).Select(s => s.Id).SingleAsync();
        }

        Assert.True((await scope.ServiceProvider.GetRequiredService<PeopleService>()
            .DeactivateAsync(samId, UpcomingClassesChoice.None, CancellationToken.None)).Succeeded);
        var cut = Render<PeoplePage>();
        cut.WaitForAssertion(() => Assert.Equal("Deactivated", SamsRow(cut).QuerySelector("[data-testid=person-status]")!.TextContent.Trim()));
        Assert.Null(SamsRow(cut).QuerySelector("[data-testid=manage]"));

        cut.Find("[data-testid=reactivate]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Active", SamsRow(cut).QuerySelector("[data-testid=person-status]")!.TextContent.Trim()));
        Assert.NotNull(SamsRow(cut).QuerySelector("[data-testid=manage]"));
        Assert.Empty(cut.FindAll("[data-testid=reactivate]"));
    }

    private static AngleSharp.Dom.IElement SamsRow(IRenderedComponent<PeoplePage> cut) =>
        cut.FindAll("[data-testid=person-row]").Single(r => r.TextContent.Contains(DemoSeeder.FrontDeskEmail, StringComparison.Ordinal));
}
