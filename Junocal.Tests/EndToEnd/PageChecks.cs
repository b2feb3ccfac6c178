using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Junocal.Tests.EndToEnd;

internal static class PageChecks
{
    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", blocking)}");
    }

    /// <summary>Blazor attaches handlers only once the circuit is up; the layout marks that moment.</summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        Assertions.Expect(page.Locator("#app-shell[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    /// <summary>Saves the whole page, or with <c>fullPage: false</c> only what the viewport shows (a phone's first screen).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = fullPage });
    }
}
