using System.Net;
using System.Reflection;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Junocal.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Security;

/// <summary>
/// Every page × every role, through the real host. The table is the rule book: a page added without a row
/// here fails <see cref="CoversEveryRoutablePage"/>.
/// </summary>
public class RouteAuthorization(JunocalApp app) : AppTest(app)
{
    private const string Anonymous = "Anonymous";

    private enum Outcome { Allowed, Login, Denied }

    private static readonly string[] Columns = [Anonymous, Roles.Owner, Roles.FrontDesk, Roles.Instructor, Roles.Client];

    private static readonly Dictionary<string, Outcome[]> Table = new()
    {
        //                                 Anonymous      Owner            FrontDesk        Instructor       Client
        ["/schedule"] =               [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Denied],
        ["/my-classes"] =             [Outcome.Login, Outcome.Denied,  Outcome.Denied,  Outcome.Allowed, Outcome.Denied],
        ["/classes"] =                [Outcome.Login, Outcome.Denied,  Outcome.Denied,  Outcome.Denied,  Outcome.Allowed],
        ["/my-bookings"] =            [Outcome.Login, Outcome.Denied,  Outcome.Denied,  Outcome.Denied,  Outcome.Allowed],
        ["/settings/integrations"] =  [Outcome.Login, Outcome.Allowed, Outcome.Denied,  Outcome.Denied,  Outcome.Denied],
        ["/audit"] =                  [Outcome.Login, Outcome.Allowed, Outcome.Denied,  Outcome.Denied,  Outcome.Denied],
        ["/outbox"] =                 [Outcome.Login, Outcome.Allowed, Outcome.Denied,  Outcome.Denied,  Outcome.Denied],
        [ClassDetail] =               [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Denied],
        ["/clients"] =                [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Denied,  Outcome.Denied],
        ["/people"] =                 [Outcome.Login, Outcome.Allowed, Outcome.Denied,  Outcome.Denied,  Outcome.Denied],
        // Public: the studio's booking page and a class's booking step, and an invitation link (which refuses a bad token itself).
        [BookingPage] =               [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [BookClass] =                 [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Invitation] =                [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/settings/studio"] =        [Outcome.Login, Outcome.Allowed, Outcome.Denied,  Outcome.Denied,  Outcome.Denied],
        ["/studios"] =                [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/account"] =                [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        // Account pages: anyone, signed in or not (links from emails are opened wherever the person is).
        ["/Account/SignUp"] =             [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/Account/CheckEmail"] =         [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/Account/ConfirmEmail"] =       [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/Account/ResendConfirmation"] = [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/Account/ForgotPassword"] =     [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        ["/Account/ResetPassword"] =      [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [BookingCalendarFile] =       [Outcome.Login, Outcome.Denied,  Outcome.Denied,  Outcome.Denied,  Outcome.Allowed],
        [BookingGoogleCalendar] =     [Outcome.Login, Outcome.Denied,  Outcome.Denied,  Outcome.Denied,  Outcome.Allowed],
    };

    private const string BookingPage = "/s/{Slug}";
    private const string BookClass = "/s/{Slug}/book/{ClassId:guid}";
    private const string Invitation = "/invite/{Token}";

    // Filled in with a class the demo instructor teaches.
    private const string ClassDetail = "/classes/{ClassId:guid}";

    // Endpoints, filled in with one of the demo client's bookings.
    private const string BookingCalendarFile = "/my-bookings/{BookingId:guid}/calendar.ics";
    private const string BookingGoogleCalendar = "/my-bookings/{BookingId:guid}/google-calendar";

    // Pages every visitor may open, and the role-neutral start page that forwards each role to its own.
    private static readonly HashSet<string> OpenToAll = ["/Account/Login", "/Account/AccessDenied", "/not-found", "/Error"];
    private const string StartPage = "/";

    private static readonly Dictionary<string, string> Emails = new()
    {
        [Roles.Owner] = DemoSeeder.OwnerEmail,
        [Roles.FrontDesk] = DemoSeeder.FrontDeskEmail,
        [Roles.Instructor] = DemoSeeder.InstructorEmail,
        [Roles.Client] = DemoSeeder.ClientEmail,
    };

    [Fact]
    public void CoversEveryRoutablePage()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToList();

        var unruled = routes.Where(r => !Table.ContainsKey(r) && !OpenToAll.Contains(r) && r != StartPage).ToList();

        Assert.Empty(unruled);
    }

    [Fact]
    public async Task EnforcesTheTableForEveryRoleOnEveryPage()
    {
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = App.CreateBrowserlikeClient() };
        foreach (var (role, email) in Emails)
        {
            clients[role] = await SignIn.AsAsync(App, email);
        }

        var mayasClass = await MayasClassIdAsync();
        var alexsBooking = await AlexsBookingIdAsync();
        var mismatches = new List<string>();
        foreach (var (template, outcomes) in Table)
        {
            var route = template.Replace("{ClassId:guid}", mayasClass.ToString(), StringComparison.Ordinal)
                .Replace("{BookingId:guid}", alexsBooking.ToString(), StringComparison.Ordinal)
                .Replace("{Slug}", "juno-pilates", StringComparison.Ordinal)
                .Replace("{Token}", "not-a-token", StringComparison.Ordinal);
            for (var column = 0; column < Columns.Length; column++)
            {
                var actual = await OutcomeOfAsync(clients[Columns[column]], route);
                if (actual != outcomes[column])
                {
                    mismatches.Add($"{route} as {Columns[column]}: expected {outcomes[column]}, got {actual}");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(Roles.Owner, "/schedule")]
    [InlineData(Roles.FrontDesk, "/schedule")]
    [InlineData(Roles.Instructor, "/my-classes")]
    [InlineData(Roles.Client, "/classes")]
    public async Task StartPageForwardsEachRoleToItsOwnPage(string role, string expected)
    {
        using var client = await SignIn.AsAsync(App, Emails[role]);

        var response = await client.GetAsync(StartPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, new Uri(new Uri(App.BaseUrl), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task UnknownRoutesShowTheFriendlyNotFoundPage()
    {
        using var client = App.CreateBrowserlikeClient();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<Guid> MayasClassIdAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var maya = await db.StaffMembers.SingleAsync(s => s.Email == DemoSeeder.InstructorEmail);
        return await db.ClassSessions.Where(c => c.InstructorId == maya.Id).Select(c => c.Id).FirstAsync();
    }

    private async Task<Guid> AlexsBookingIdAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var alex = await db.Clients.SingleAsync(c => c.Email == DemoSeeder.ClientEmail);
        return await db.Bookings.Where(b => b.ClientId == alex.Id && b.Status == BookingStatus.Active).Select(b => b.Id).FirstAsync();
    }

    private static async Task<Outcome> OutcomeOfAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(route);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return Outcome.Allowed;
        }

        var location = response.Headers.Location?.ToString() ?? "";
        // "Add to Google Calendar" answers by sending the client on to Google's add-event page.
        if (response.StatusCode == HttpStatusCode.Redirect && location.StartsWith("https://calendar.google.com/", StringComparison.Ordinal))
        {
            return Outcome.Allowed;
        }

        return response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login", StringComparison.Ordinal) ? Outcome.Login
            : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? Outcome.Denied
            : throw new InvalidOperationException($"{route}: unexpected {(int)response.StatusCode} {location}");
    }
}
