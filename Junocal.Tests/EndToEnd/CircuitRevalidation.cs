using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>
/// Through a real circuit in Chromium, on a host whose open pages re-check their user every second: a page left idle
/// after its owner switched studio in another tab signs itself out, with no click on it.
/// </summary>
public sealed class CircuitRevalidation(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly JunocalApp _app = JunocalApp.With(new()
    {
        Settings = new Dictionary<string, string?> { ["Security:Circuits:RevalidationInterval"] = "00:00:01" },
    });

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        await using var db = _app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var other = await db.Studios.Where(s => s.Name == "Other Studio").Select(s => s.Id).SingleAsync();
        var ownerId = await db.Users.Where(u => u.Email == DemoSeeder.OwnerEmail).Select(u => u.Id).SingleAsync();
        var client = Client.Create(other, "Olivia Hart", DemoSeeder.OwnerEmail);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        await TestAccounts.AddMembershipAsync(_app.Services, ownerId, other, Roles.Client, client.Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnIdlePageOfTheOldStudioSignsOutAfterASwitchInAnotherTab()
    {
        var schedule = await browser.SignedInPageAsync(_app.BaseUrl, DemoSeeder.OwnerEmail);
        await schedule.GotoAsync(_app.BaseUrl + "/schedule");
        await PageChecks.WaitForInteractivityAsync(schedule);
        await Expect(schedule.GetByTestId("week-class").First).ToBeVisibleAsync();

        var chooser = await schedule.Context.NewPageAsync();
        await chooser.GotoAsync(_app.BaseUrl + "/studios");
        await chooser.GetByTestId("choose-studio").Filter(new() { HasText = "Other Studio" }).ClickAsync();
        await Expect(chooser.GetByTestId("studio-name")).ToHaveTextAsync("Other Studio");

        await Expect(schedule).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/schedule$"));
        await Expect(schedule.GetByTestId("week-class")).ToHaveCountAsync(0);
        await Expect(schedule.GetByText("Juno Pilates")).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(schedule);
        await schedule.Context.CloseAsync();
    }
}
