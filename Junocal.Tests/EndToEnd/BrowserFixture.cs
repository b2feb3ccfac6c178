using Microsoft.Playwright;

namespace Junocal.Tests.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright; no browser download.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "JUNOCAL_CHROMIUM";

    /// <summary>
    /// How long a wait for a state (an element, a text, a URL) may take before the test fails: far above what a
    /// loaded two-core machine needs, so only a state that never comes fails. A met state returns at once.
    /// </summary>
    public const float Patience = 60_000;

    private IPlaywright? _playwright;

    // Private: every test opens its pages through NewContextAsync, so the Content-Security-Policy watch sees them all.
    private IBrowser Browser { get; set; } = default!;

    public static string ArtifactsDirectory =>
        Environment.GetEnvironmentVariable("JUNOCAL_TEST_ARTIFACTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium",
            Headless = true,
            // The network here is closed: without these flags Chromium keeps dialling Google's services.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>
    /// A new browser context (desktop size unless told otherwise) whose waits all have <see cref="Patience"/>, and whose
    /// pages' consoles are watched for Content-Security-Policy violations: the checks in <see cref="PageChecks"/> fail
    /// the test on any. Every end-to-end test opens its pages here.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        // Playwright raises Page before NewPageAsync returns, so no console message is missed.
        context.Page += (_, page) => PageChecks.WatchContentSecurityPolicy(page);
        return context;
    }

    /// <summary>A touch phone's screen, 390 × 844 unless told.</summary>
    public static BrowserNewContextOptions Phone(int width = 390, int height = 844) => new()
    {
        ViewportSize = new() { Width = width, Height = height }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    };

    /// <summary>A new browser context (a desktop window unless told) signed in through the real login form.</summary>
    public async Task<IPage> SignedInPageAsync(string baseUrl, string email, BrowserNewContextOptions? options = null)
    {
        var context = await NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Infrastructure.SignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
