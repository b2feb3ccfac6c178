using System.Net;
using Junocal.Domain.Scheduling;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>"Connect Google" over plain HTTP as a browser takes it: the form post, the sandbox's consent form, the callback.</summary>
public static class GoogleFlow
{
    public const string AppCreatedScope = "https://www.googleapis.com/auth/calendar.app.created";

    /// <summary>Starts the connect; the query of the consent URL the app sent the browser to.</summary>
    public static async Task<Dictionary<string, string>> StartAsync(OwnerBrowser owner)
    {
        using var response = await owner.Client.PostAsync(GoogleConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = owner.AntiforgeryToken }));
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/oauth2/v2/auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Connect Google did not go to the consent screen: {(int)response.StatusCode} {location}");
        }

        return QueryHelpers.ParseQuery(new Uri(owner.Client.BaseAddress!, location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>The consent form as <paramref name="user"/>, with the calendar box ticked or not; the callback Google redirects to.</summary>
    public static async Task<Uri> DecideAsync(OwnerBrowser owner, Dictionary<string, string> authorize, GoogleTestUser user,
        string decision = "allow", bool grantCalendar = true)
    {
        var form = authorize.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
        form.Add(new("sub", user.Sub));
        form.Add(new("decision", decision));
        if (grantCalendar)
        {
            form.Add(new("granted", AppCreatedScope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/google/accounts/o/oauth2/v2/auth") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await owner.Client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? location
            : throw new InvalidOperationException($"The consent form answered {(int)response.StatusCode}.");
    }

    public static async Task<string> CallbackAsync(OwnerBrowser owner, Uri callback)
    {
        using var response = await owner.Client.GetAsync(callback);
        var location = response.Headers.Location?.OriginalString ?? "";
        const string Prefix = GoogleConnectEndpoints.IntegrationsPage + "?google=";
        return response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(Prefix, StringComparison.Ordinal)
            ? Uri.UnescapeDataString(location[Prefix.Length..])
            : throw new InvalidOperationException($"Expected a redirect to the Integrations page, got {(int)response.StatusCode} {location}");
    }

    public static async Task<string> ConnectAsync(OwnerBrowser owner, GoogleTestUser? user = null, bool grantCalendar = true)
    {
        var authorize = await StartAsync(owner);
        return await CallbackAsync(owner, await DecideAsync(owner, authorize, user ?? GoogleTestUsers.Owner, grantCalendar: grantCalendar));
    }

    public static async Task ConnectOwnerAsync(JunocalApp app, string email = DemoSeeder.OwnerEmail, GoogleTestUser? user = null)
    {
        using var owner = await ZoomFlow.OpenAsync(app, email);
        var code = await ConnectAsync(owner, user);
        if (code != GoogleConnectMessage.Connected.Code)
        {
            throw new InvalidOperationException($"Connecting Google ended with '{code}'.");
        }
    }

    public static async Task<GoogleConnection?> ConnectionAsync(this IServiceProvider services, Guid studioId)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext(studioId);
        return await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync();
    }

    public static async Task<Guid> ScheduleMeetClassAsync(JunocalApp app, string name, DateTime date, TimeSpan start, int minutes = 45)
    {
        await using var owner = await app.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
        {
            Name = name, InstructorId = options.Instructors[0].Id, Date = date, StartTime = start, DurationMinutes = minutes,
            Capacity = 10, LocationKind = LocationKind.GoogleMeet,
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return Assert.Single(result.ClassIds);
    }
}
