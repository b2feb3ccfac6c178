using System.Net;
using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Studios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Account;

/// <summary>"Create your studio" through the real host: the form, the confirmation email over SMTP, the link.</summary>
public sealed class SignUpThroughTheHost(AccountsApp app) : IClassFixture<AccountsApp>, IAsyncLifetime
{
    private const string Owner = "hana@harbour-yoga.test";

    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        app.ClearInbox();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ANewOwnerConfirmsByTheEmailedLinkAndLandsOnTheirStudiosSchedule()
    {
        using var browser = app.CreateBrowserlikeClient();

        var signedUp = await SignUpAsync(browser, "Harbour Yoga", "Europe/Lisbon", "Hana Sato", Owner, "Harbour-pass-1");

        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.EndsWith("/Account/CheckEmail", signedUp.Headers.Location!.ToString(), StringComparison.Ordinal);
        var refused = await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), Owner, "Harbour-pass-1");
        Assert.Contains("Confirm your email first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(1, await app.SendAccountEmailsAsync());
        var email = Assert.Single(await app.InboxAsync(Owner));
        Assert.Equal("Confirm your email for Junocal", email.Subject);
        Assert.Contains("Harbour Yoga", email.TextBody, StringComparison.Ordinal);
        var link = AccountsApp.LinkIn(email, AccountLinks.ConfirmEmailPath);

        var confirmed = await Forms.PostAsync(browser, link.PathAndQuery, "confirm", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.EndsWith(StudioSignup.FirstPage, confirmed.Headers.Location!.ToString(), StringComparison.Ordinal);
        var schedule = await browser.GetAsync("/schedule");
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
        Assert.Contains("Harbour Yoga", await schedule.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studio = await db.Studios.SingleAsync(s => s.Name == "Harbour Yoga");
        Assert.Equal("harbour-yoga", studio.Slug);
        Assert.Equal("Europe/Lisbon", studio.TimeZoneId);
        var user = await db.Users.SingleAsync(u => u.Email == Owner);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Hana Sato", user.DisplayName);
        var membership = await db.Memberships.SingleAsync(m => m.UserId == user.Id);
        Assert.Equal((studio.Id, Roles.Owner), (membership.StudioId, membership.Role));
        var owner = await db.StaffMembers.SingleAsync(s => s.Id == membership.PersonId);
        Assert.Equal((studio.Id, "Hana Sato", Roles.Owner), (owner.StudioId, owner.Name, owner.Role));
        Assert.Single(await db.AuditEntries.Where(a => a.StudioId == studio.Id && a.Action == "studio.created").ToListAsync());
    }

    [Fact]
    public async Task TheConfirmationLinkWorksOnce()
    {
        using var browser = app.CreateBrowserlikeClient();
        await SignUpAsync(browser, "Harbour Yoga", "Europe/Lisbon", "Hana Sato", Owner, "Harbour-pass-1");
        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(Owner)), AccountLinks.ConfirmEmailPath);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(browser, link.PathAndQuery, "confirm", new Dictionary<string, string>())).StatusCode);

        using var second = app.CreateBrowserlikeClient();
        var again = await Forms.PostAsync(second, link.PathAndQuery, "confirm", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link has expired or was already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/schedule")).StatusCode);
    }

    [Fact]
    public async Task ATakenEmailIsRefusedBesideTheFieldWithoutSayingAnAccountExistsAndNothingIsWritten()
    {
        using var browser = app.CreateBrowserlikeClient();

        var response = await SignUpAsync(browser, "Copy Cat Studio", "Europe/London", "Someone", DemoSeeder.OwnerEmail, "Harbour-pass-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(AccountService.EmailNotAvailable, page, StringComparison.Ordinal);
        Assert.DoesNotContain("already exists", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("is taken", page, StringComparison.OrdinalIgnoreCase);
        await AssertNoStudioAsync("Copy Cat Studio");
        Assert.Equal(0, await app.SendAccountEmailsAsync());
    }

    [Fact]
    public async Task AWeakPasswordAndAnUnknownTimeZoneAreRefusedBesideTheirFieldsAndNothingIsWritten()
    {
        using var browser = app.CreateBrowserlikeClient();

        var response = await SignUpAsync(browser, "Harbour Yoga", "Mars/Olympus_Mons", "Hana Sato", Owner, "short");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("\"Mars/Olympus_Mons\" is not a time zone Junocal knows", page, StringComparison.Ordinal);
        Assert.Contains("Passwords must be at least 10 characters", page, StringComparison.Ordinal);
        await AssertNoStudioAsync("Harbour Yoga");
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == Owner));
    }

    [Fact]
    public async Task ASecondStudioWithTheSameNameGetsTheNextFreeShortAddress()
    {
        using var first = app.CreateBrowserlikeClient();
        using var second = app.CreateBrowserlikeClient();

        await SignUpAsync(first, "Juno Pilates", "Europe/London", "Another Owner", "another@juno.test", "Harbour-pass-1");
        await SignUpAsync(second, "Juno Pilates", "Europe/London", "Third Owner", "third@juno.test", "Harbour-pass-1");

        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(["juno-pilates", "juno-pilates-2", "juno-pilates-3"],
            await db.Studios.Where(s => s.Name == "Juno Pilates").OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync());
    }

    private async Task AssertNoStudioAsync(string name)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Studios.AnyAsync(s => s.Name == name));
    }

    internal static Task<HttpResponseMessage> SignUpAsync(HttpClient browser, string studio, string zone, string name, string email, string password) =>
        Forms.PostAsync(browser, "/Account/SignUp", "signup", new Dictionary<string, string>
        {
            ["Input.StudioName"] = studio,
            ["Input.TimeZoneId"] = zone,
            ["Input.OwnerName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
