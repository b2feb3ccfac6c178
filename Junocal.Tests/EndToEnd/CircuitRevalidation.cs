using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
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
        await TestAccounts.MakeTheDemoOwnerAClientOfOtherStudioAsync(_app.Services);
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
