using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.EndToEnd;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>The sandbox's consent page and dashboard in Chromium, served inside the app: keyboard- and screen-reader-usable.</summary>
public class GoogleSandboxPages(JunocalApp app, BrowserFixture browser) : AppTest(app), IClassFixture<BrowserFixture>
{
    private const string Scopes = "openid email https://www.googleapis.com/auth/calendar.app.created";

    private string Callback => App.BaseUrl.TrimEnd('/') + "/integrations/google/callback";

    private string ConsentUrl => QueryHelpers.AddQueryString(App.BaseUrl.TrimEnd('/') + "/sandbox/google/accounts/o/oauth2/v2/auth", new Dictionary<string, string?>
    {
        ["client_id"] = "sandbox-google-client-id",
        ["redirect_uri"] = Callback,
        ["response_type"] = "code",
        ["scope"] = Scopes,
        ["state"] = "s-1",
        ["access_type"] = "offline",
        ["prompt"] = "consent",
    });

    [Fact]
    public async Task TheConsentPageOffersAccountsAndScopeCheckboxes()
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(ConsentUrl);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Junocal wants access to your Google Account");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = GoogleTestUsers.Owner.Name, Exact = false })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Make secondary Google calendars", Exact = false })).ToBeCheckedAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "google-sandbox-consent");

        var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var onPhone = await phone.NewPageAsync();
        await onPhone.GotoAsync(ConsentUrl);
        await PageChecks.AssertAccessibleAsync(onPhone);
        await PageChecks.ScreenshotAsync(onPhone, "google-sandbox-consent-phone");

        // Denying with the keyboard sends the browser back to the app with access_denied.
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).FocusAsync();
        var navigation = page.WaitForRequestAsync(request => request.Url.StartsWith(Callback, StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        var callback = await navigation;
        Assert.Contains("error=access_denied", callback.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardShowsTheEventsAndDeletesOneInGoogle()
    {
        var (calendarId, eventId) = await SeedAnEventAsync();
        var page = await browser.SignedInPageAsync(App.BaseUrl, DemoSeeder.OwnerEmail);

        await page.GotoAsync(App.BaseUrl.TrimEnd('/') + "/sandbox/google/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Google sandbox" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Evening flow (virtual)", Exact = false }).First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "google-sandbox-dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete event in Google", Exact = false }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Event deleted in Google Calendar");
        Assert.True(App.Google.FindEvent(calendarId, eventId)!.IsCancelled);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove Junocal's access", Exact = false }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Junocal's access removed");
        Assert.False(App.Google.HasAccess(GoogleTestUsers.Owner));
        await PageChecks.ScreenshotAsync(page, "google-sandbox-dashboard-after");
    }

    /// <summary>Connects the owner's Google Account over HTTP and makes a calendar with one Meet event.</summary>
    private async Task<(string CalendarId, string EventId)> SeedAnEventAsync()
    {
        App.Google.Knobs.ConferenceDelay = TimeSpan.Zero;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(App.BaseUrl.TrimEnd('/') + "/sandbox/google/") };
        http.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        using var consent = await http.PostAsync("accounts/o/oauth2/v2/auth", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-google-client-id", ["redirect_uri"] = Callback, ["scope"] = Scopes, ["sub"] = GoogleTestUsers.Owner.Sub,
            ["decision"] = "allow", ["granted"] = "https://www.googleapis.com/auth/calendar.app.created", ["access_type"] = "offline",
        }), TestContext.Current.CancellationToken);
        var code = QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();
        using var exchange = await http.PostAsync("oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback,
            ["client_id"] = "sandbox-google-client-id", ["client_secret"] = "sandbox-google-client-secret",
        }), TestContext.Current.CancellationToken);
        using var tokens = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("access_token").GetString());

        using var calendar = await http.PostAsync("calendar/v3/calendars", Json(new { summary = "Junocal – Juno Pilates", timeZone = "Europe/London" }),
            TestContext.Current.CancellationToken);
        using var calendarJson = JsonDocument.Parse(await calendar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var calendarId = calendarJson.RootElement.GetProperty("id").GetString()!;
        var start = new DateTimeOffset(TestCalendar.NextYearOn(7, 1).AddHours(18), TimeSpan.FromHours(1));
        using var inserted = await http.PostAsync($"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events?conferenceDataVersion=1", Json(new
        {
            id = "jc0123456789g1",
            summary = "Evening flow (virtual)",
            start = new { dateTime = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), timeZone = "Europe/London" },
            end = new { dateTime = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), timeZone = "Europe/London" },
            conferenceData = new { createRequest = new { requestId = "jc0123456789g1" } },
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        return (calendarId, "jc0123456789g1");
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
