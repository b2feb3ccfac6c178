using Microsoft.Playwright;

namespace Junocal.Tests.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright; no browser download.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "JUNOCAL_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsDirectory =>
        Environment.GetEnvironmentVariable("JUNOCAL_TEST_ARTIFACTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
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

    public static ViewportSize Desktop => new() { Width = 1366, Height = 900 };

    public static ViewportSize Phone => new() { Width = 390, Height = 844 };

    /// <summary>
    /// A page in a new browser context whose console is watched for Content-Security-Policy violations; the checks in
    /// <see cref="PageChecks"/> fail the test on any. Every end-to-end test opens its pages here.
    /// </summary>
    public Task<IPage> NewPageAsync(ViewportSize? viewport = null) =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop });

    /// <inheritdoc cref="NewPageAsync(ViewportSize?)"/>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        PageChecks.WatchContentSecurityPolicy(page);
        return page;
    }

    /// <summary>A new browser context signed in through the real login form.</summary>
    public async Task<IPage> SignedInPageAsync(string baseUrl, string email, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
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
