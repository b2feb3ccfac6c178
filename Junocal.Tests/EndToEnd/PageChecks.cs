using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Junocal.Tests.EndToEnd;

internal static class PageChecks
{
    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> PolicyViolations = new();

    /// <summary>Records every Content-Security-Policy violation Chromium reports on the page's console.</summary>
    public static void WatchContentSecurityPolicy(IPage page)
    {
        if (PolicyViolations.TryGetValue(page, out _))
        {
            return;
        }

        var violations = PolicyViolations.GetValue(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue($"{message.Location}: {message.Text}");
            }
        };
    }

    /// <summary>Fails when the page broke the Content-Security-Policy at any moment since it opened.</summary>
    public static void AssertNoPolicyViolations(IPage page)
    {
        Assert.True(PolicyViolations.TryGetValue(page, out var violations),
            "Open end-to-end pages through BrowserFixture.NewContextAsync, so their Content-Security-Policy violations are seen.");
        Assert.True(violations.IsEmpty, $"Content-Security-Policy violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>
    /// Runs axe-core on the page once its animations have finished and fails on any serious or critical violation
    /// (and on any CSP violation).
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        AssertNoPolicyViolations(page);
        await WaitForAnimationsAsync(page);
        var results = await page.RunAxe();
        var blocking = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", blocking)}");
        AssertNoPolicyViolations(page);
    }

    /// <summary>Goes to <paramref name="url"/> and waits until the page is interactive.</summary>
    public static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForInteractivityAsync(page);
    }

    /// <summary>Blazor attaches handlers only once the circuit is up; the layout marks that moment.</summary>
    public static async Task WaitForInteractivityAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#app-shell[data-interactive=true]")).ToBeVisibleAsync();
        AssertNoPolicyViolations(page);
    }

    /// <summary>Waits until no finite animation or transition runs (a dialog has finished opening); spinners may go on.</summary>
    public static Task WaitForAnimationsAsync(IPage page) =>
        page.WaitForFunctionAsync("""
            () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
            """);

    /// <summary>Saves the whole page, or with <c>fullPage: false</c> only what the viewport shows (a phone's first screen).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        AssertNoPolicyViolations(page);
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = fullPage });
    }
}
