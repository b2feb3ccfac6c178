using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>A join link as long as the ones meeting services hand out stays inside the class page's card.</summary>
public class LongJoinLinks(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    private const string LongLink =
        "https://meet.example.com/rooms/juno-pilates-evening-flow-with-maya-chen/join?pwd=Zk9xR2t4UXJvVnBuY0hWbE1yN0p3QT09WmsweFIydDRVWEp2Vm5CdVkwaFdiRTF5TjBwM1FUMDk&uname=owner";

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task WrapInsideTheClassPagesDetailsCard(int width, int height)
    {
        var classId = await ScheduleWithLongLinkAsync();
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync($"{App.BaseUrl}/classes/{classId}");
        await PageChecks.WaitForInteractivityAsync(page);

        var link = page.GetByTestId("link-state").Locator("a");
        await Expect(link).ToHaveAttributeAsync("href", LongLink);
        var card = page.GetByTestId("link-state").Locator("xpath=ancestor::div[contains(@class,'mud-paper')][1]");
        var linkBox = (await link.BoundingBoxAsync())!;
        var cardBox = (await card.BoundingBoxAsync())!;
        Assert.True(linkBox.X + linkBox.Width <= cardBox.X + cardBox.Width,
            $"The link runs {linkBox.X + linkBox.Width - (cardBox.X + cardBox.Width)} px out of its card");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The class page scrolls sideways by {overflow} px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, $"class-page-long-link-{width}", fullPage: false);
    }

    private async Task<Guid> ScheduleWithLongLinkAsync()
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
        {
            Name = "Evening Flow", InstructorId = options.Instructors[0].Id, Date = TestCalendar.NextYearOn(6, 14),
            StartTime = new TimeSpan(18, 0, 0), DurationMinutes = 45, Capacity = 10,
            LocationKind = LocationKind.CustomLink, CustomUrl = LongLink,
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return Assert.Single(result.ClassIds);
    }
}
