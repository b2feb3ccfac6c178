using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Email;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Studios;

namespace Junocal.Tests.Components;

/// <summary>The studio settings page over the real services and database, as the owner uses it.</summary>
[Collection(SharedAppHost.Name)]
public class StudioSettingsPageRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    [Fact]
    public async Task ShowsTheStudiosCurrentSettings()
    {
        var cut = await RenderPageAsync();

        Assert.Equal("Juno Pilates", cut.Find("input[data-testid=studio-name-field]").GetAttribute("value"));
        Assert.Equal("juno-pilates", cut.Find("input[data-testid=slug-field]").GetAttribute("value"));
        Assert.Equal("24h, 1h", cut.Find("input[data-testid=reminders-field]").GetAttribute("value"));
        Assert.Contains("/s/juno-pilates", Field(cut, "slug-field"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaysBesideTheAddressThatAnotherStudioHasIt()
    {
        var cut = await RenderPageAsync();

        cut.Find("input[data-testid=slug-field]").Change("other-studio");
        cut.Find("[data-testid=save-settings]").Click();

        cut.WaitForAssertion(() => Assert.Contains("/s/other-studio is another studio's address. Choose a different one.",
            Field(cut, "slug-field"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaysTheOldAddressStopsWorkingBeforeTheAddressChanges()
    {
        var cut = await RenderPageAsync();
        Assert.Empty(cut.FindAll("[data-testid=slug-warning]"));

        cut.Find("input[data-testid=slug-field]").Change("juno-barre");

        cut.WaitForAssertion(() => Assert.Contains("the old address /s/juno-pilates stops working",
            cut.Find("[data-testid=slug-warning]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaysWhatTheClassTimesBecomeBeforeTheTimeZoneIsSaved()
    {
        var cut = await RenderPageAsync();
        Assert.Empty(cut.FindAll("[data-testid=zone-warning]"));

        cut.Find("input[data-testid=zone-field]").Change("America/Chicago");

        cut.WaitForAssertion(() =>
        {
            var warning = cut.Find("[data-testid=zone-warning]").TextContent;
            Assert.Contains("from Europe/London to America/Chicago keeps every class at the same moment", warning, StringComparison.Ordinal);
            Assert.Contains(" becomes ", warning, StringComparison.Ordinal);
        });
        Assert.NotEmpty(cut.FindAll(".zone-examples li"));
    }

    [Fact]
    public async Task ShowsEachWrongFieldsMessageAndKeepsWhatTheOwnerTyped()
    {
        var cut = await RenderPageAsync();

        cut.Find("input[data-testid=studio-name-field]").Change("");
        cut.Find("input[data-testid=contact-field]").Change("front desk");
        cut.Find("input[data-testid=reminders-field]").Change("soon");
        cut.Find("[data-testid=save-settings]").Click();

        cut.WaitForAssertion(() =>
        {
            var messages = cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("Studio name is required.", messages);
            Assert.Contains(messages, m => m.Contains("front desk", StringComparison.Ordinal));
            Assert.Contains("\"soon\" is not a time before the class. Write e.g. 24h, 1h or 30m.", messages);
        });
        Assert.Equal("soon", cut.Find("input[data-testid=reminders-field]").GetAttribute("value"));
    }

    /// <summary>The field's whole control: its label, input, helper text and error message.</summary>
    private static string Field(IRenderedComponent<StudioSettings> cut, string testId) =>
        cut.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private async Task<IRenderedComponent<StudioSettings>> RenderPageAsync()
    {
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(StudioSettingsService), typeof(PublicLinks));
        var cut = Render<StudioSettings>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=save-settings]")));
        return cut;
    }
}
